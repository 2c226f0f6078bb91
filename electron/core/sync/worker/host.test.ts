import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openCache } from '../../db/open';
import { memoryLogger } from '../../logger';
import { at, DAY, newKey } from '../../testing/sampleSchool';
import { TS_WORKER } from '../../testing/startedCore';
import { useTempDirs } from '../../testing/tempDir';
import { createSyncWorkerHost, type SyncWorkerHost } from './host';
import type { SyncJob } from './protocol';

const tempDir = useTempDirs();
const hosts: SyncWorkerHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

const job: SyncJob = { source: { type: 'demo', size: 'small' }, scope: 'kiosk', now: at(DAY, '08:00'), zone: 'Europe/Amsterdam', secrets: {} };

function host(dbFile: string, key = newKey()) {
  const log = memoryLogger();
  const h = createSyncWorkerHost({ script: TS_WORKER, dbFile, key, log });
  hosts.push(h);
  return { h, log, key };
}

const lessonCount = (file: string, key: Buffer) => {
  const { db } = openCache({ file, key, log: memoryLogger() });
  const n = (db.prepare('SELECT count(*) AS n FROM lessons').get() as { n: number }).n;
  db.close();
  return n;
};

describe('the sync worker thread', () => {
  it('syncs into the cache and stays up for the next sync', async () => {
    const file = join(tempDir(), 'cache.db');
    const { h, key } = host(file);
    expect((await h.warmUp()).ok).toBe(true);
    const first = await h.run(job);
    expect(first).toMatchObject({ ok: true, kind: 'snapshot', sourceId: 'demo' });
    expect(await h.run({ ...job, now: at('2026-11-25', '08:00') })).toMatchObject({ ok: true });
    expect(lessonCount(file, key)).toBeGreaterThan(100);
  });

  it('reports progress while it works', async () => {
    const { h } = host(join(tempDir(), 'cache.db'));
    const phases = new Set<string>();
    await h.run({ ...job, source: { type: 'demo', size: 'standard' } }, { progress: (phase) => phases.add(phase) });
    expect(phases.size).toBeGreaterThan(0);
  });

  it('stops a sync that takes too long, keeps the old data, and starts afresh for the next one', async () => {
    const file = join(tempDir(), 'cache.db');
    const { h, key } = host(file);
    await h.run(job);
    const before = lessonCount(file, key);
    const slow = await h.run({ ...job, source: { type: 'demo', size: 'large' } }, { timeoutMs: 50 });
    expect(slow).toMatchObject({ ok: false, code: 'UPSTREAM_TIMEOUT' });
    expect(lessonCount(file, key)).toBe(before);
    expect(await h.run(job)).toMatchObject({ ok: true });
  });

  it('can be stopped half-way, and the cache keeps what it had', async () => {
    const file = join(tempDir(), 'cache.db');
    const { h, key } = host(file);
    await h.run(job);
    const before = lessonCount(file, key);
    const stop = new AbortController();
    const running = h.run({ ...job, source: { type: 'demo', size: 'large' } }, { signal: stop.signal });
    setTimeout(() => stop.abort(), 20);
    expect(await running).toMatchObject({ ok: false, code: 'ABORTED' });
    expect(lessonCount(file, key)).toBe(before);
  });

  it('reports a cache it cannot open as a CACHE failure, not a crash', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'cache.db'));
    const { h } = host(join(dir, 'cache.db'));
    expect((await h.warmUp()).ok).toBe(false);
    expect(await h.run(job)).toMatchObject({ ok: false, code: 'CACHE' });
  });
  it('stops a connection test that gets no answer and drops its connection, while a sync runs as usual', async () => {
    // An upstream that accepts the connection and never answers; it notes when the tester hangs up.
    let hungUp = false;
    const server = createServer((req) => req.socket.on('close', () => (hungUp = true)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const feed = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rooster.ics`;
    try {
      const file = join(tempDir(), 'cache.db');
      const { h, key } = host(file);
      const testing = h.test({ ...job, source: { type: 'ical', feeds: [{ name: 'Rooster', url: feed, room: { from: 'location' }, subject: { from: 'summary' }, daysOff: false }], weeks: 2, teacherCodes: [] } }, 3000);
      expect(await h.run(job)).toMatchObject({ ok: true });
      expect(await testing).toMatchObject({ ok: false, steps: [{ ok: false, detail: expect.stringMatching(/No answer within/) }] });
      // The test's thread is gone, and with it its connection: nothing is left waiting on the upstream.
      await vi.waitFor(() => expect(hungUp).toBe(true), { timeout: 2000 });
      expect(lessonCount(file, key)).toBeGreaterThan(100);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
