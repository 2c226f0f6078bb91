import { afterEach, describe, expect, it } from 'vitest';
import { ZermeloSourceConfig } from '@shared/settings';
import { instantAt } from '@shared/timetable/zonedTime';
import type { CacheDb } from '../../db/open';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import { SourceError } from '../source';
import { syncOnce } from '../../sync/syncOnce';
import { cacheState } from '../../sync/testing/cacheState';
import { syncThroughEngine } from '../../sync/testing/engineRun';
import type { Fault } from '../../sync/testing/loopback';
import { guardUnhandledRejections } from '../../sync/testing/unhandledRejections';
import { DAY, TOKEN, unix, ZONE, zermeloSchool } from './testing/zermeloSchool';
import { envelope, reviseAppointment, startZermeloServer, type ZermeloServer } from './testing/zermeloServer';
import { createZermeloSource } from '.';

guardUnhandledRejections();
const tempDir = useTempDirs();
const servers: ZermeloServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const at = (date: string, time: string) => instantAt(date, time, ZONE);
const secrets = { 'zermelo.token': TOKEN };
/**
 * For the syncs that meet a fault: short enough to keep the hanging cases quick, long enough never to trip a healthy
 * loopback call on a busy machine. The good syncs before them keep the default deadline.
 */
const TIMEOUT_MS = 2000;

/** A portal and a cache that already holds a good sync of it (at 07:00). */
async function syncedPortal() {
  const server = await startZermeloServer(zermeloSchool(), { token: TOKEN });
  servers.push(server);
  const db = openTestCache(tempDir());
  await run(db, server, at(DAY, '07:00'), 30_000);
  return { server, db };
}

const sourceFor = (server: ZermeloServer, timeoutMs = TIMEOUT_MS) =>
  createZermeloSource(ZermeloSourceConfig.parse({ type: 'zermelo', portal: 'testschool', baseUrl: server.baseUrl }), { timeoutMs });

function run(db: CacheDb, server: ZermeloServer, now: number, timeoutMs = TIMEOUT_MS) {
  return syncOnce({ db, source: sourceFor(server, timeoutMs), scope: 'kiosk', now, zone: ZONE, signal: new AbortController().signal, progress: () => {}, secrets });
}

const appointmentWeek = (start: string) => envelope([{ id: 1, appointmentInstance: 1, start, end: 1, locations: ['A1.01'] }]);
const goodWeek = envelope([{ id: 1, appointmentInstance: 1, start: unix(DAY, '08:30'), end: unix(DAY, '09:20'), locations: ['A1.01'], subjects: ['ne'] }]);

interface Case {
  name: string;
  fault: Fault;
  code: string;
  retryAfterMs?: number;
}

const cases: Case[] = [
  { name: 'HTTP 401', fault: { kind: 'status', status: 401, body: envelope([], 401, 'Unauthorized') }, code: 'UPSTREAM_AUTH' },
  { name: 'HTTP 403', fault: { kind: 'status', status: 403, body: envelope([], 403, 'Access denied') }, code: 'UPSTREAM_AUTH' },
  { name: 'HTTP 404', fault: { kind: 'status', status: 404, body: 'Not Found' }, code: 'UPSTREAM_HTTP' },
  { name: 'HTTP 429 with Retry-After', fault: { kind: 'status', status: 429, headers: { 'retry-after': '120' }, body: envelope([], 429, 'Too many requests') }, code: 'UPSTREAM_HTTP', retryAfterMs: 120_000 },
  { name: 'HTTP 500', fault: { kind: 'status', status: 500, body: envelope([], 500, 'Internal error') }, code: 'UPSTREAM_HTTP' },
  { name: 'HTTP 503 with Retry-After', fault: { kind: 'status', status: 503, headers: { 'retry-after': '300' }, body: '<html>maintenance</html>' }, code: 'UPSTREAM_HTTP', retryAfterMs: 300_000 },
  { name: 'a timeout', fault: { kind: 'hang' }, code: 'UPSTREAM_TIMEOUT' },
  { name: 'a reset connection', fault: { kind: 'reset' }, code: 'UPSTREAM_HTTP' },
  { name: 'a truncated body', fault: { kind: 'truncate', body: goodWeek }, code: 'UPSTREAM_HTTP' },
  { name: 'invalid JSON', fault: { kind: 'body', body: '{"response":{"status":200,"data":[{"id":1,' }, code: 'UPSTREAM_INVALID' },
  { name: 'an empty data set', fault: { kind: 'body', body: envelope([]) }, code: 'UPSTREAM_EMPTY' },
  { name: 'a changed schema', fault: { kind: 'body', body: appointmentWeek('2026-11-24T08:30:00+01:00') }, code: 'UPSTREAM_INVALID' },
  { name: 'a slow trickle', fault: { kind: 'trickle', everyMs: 100 }, code: 'UPSTREAM_TIMEOUT' },
];

describe('Zermelo faults leave the cache exactly as it was', () => {
  it.each(cases)('$name: a typed error, the cache untouched, backoff in the status', async ({ fault, code, retryAfterMs }) => {
    const { server, db } = await syncedPortal();
    const before = cacheState(db);
    expect(before.lessonIds.length).toBeGreaterThan(60);
    server.faults.push({ match: (r) => r.path.endsWith('/appointments'), fault });

    // 14:00: past the periodic full sync, so the whole fetch path is exercised.
    const error = await run(db, server, at(DAY, '14:00')).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ code, retryAfterMs: retryAfterMs ?? null });
    expect((error as Error).message).not.toContain(TOKEN);
    expect(cacheState(db)).toEqual(before);

    // The same fault through the real sync engine: backoff, the error in the status, the next run honouring Retry-After.
    const now = at(DAY, '14:05');
    const status = await syncThroughEngine({ db, source: sourceFor(server), scope: 'kiosk', now, zone: ZONE, secrets });
    expect(status).toMatchObject({ state: 'backoff', consecutiveFailures: 1, lastError: { code } });
    expect(status.nextRunAt).toBe(now + Math.max(30_000, retryAfterMs ?? 0));
    expect(cacheState(db)).toEqual(before);
  });

  it('a failure half-way through an incremental refresh writes nothing either', async () => {
    const { server, db } = await syncedPortal();
    reviseAppointment(server.data, 10_101, { cancelled: true }, unix(DAY, '07:02'));
    const before = cacheState(db);
    server.faults.push({ match: (r) => r.path.endsWith('/appointments') && r.query.get('start') === String(unix('2026-11-30', '00:00')), fault: { kind: 'reset' } });
    await expect(run(db, server, at(DAY, '07:05'))).rejects.toMatchObject({ code: 'UPSTREAM_HTTP' });
    expect(cacheState(db)).toEqual(before);
    // Once the portal is well again, the change arrives.
    server.faults.length = 0;
    expect((await run(db, server, at(DAY, '07:10'))).kind).toBe('delta');
    expect(db.prepare("SELECT cancelled FROM lessons WHERE id = 'zermelo:10101'").pluck().get()).toBe(1);
  });

  it('a fault on an optional list (rooms) still stops the sync unless it is a refusal of rights', async () => {
    const { server, db } = await syncedPortal();
    const before = cacheState(db);
    server.faults.push({ match: (r) => r.path.endsWith('/locationofbranches'), fault: { kind: 'status', status: 500 } });
    await expect(run(db, server, at(DAY, '14:00'))).rejects.toMatchObject({ code: 'UPSTREAM_HTTP' });
    expect(cacheState(db)).toEqual(before);
  });

  it('a sync stopped while waiting for the portal writes nothing and leaves nothing running', async () => {
    const { server, db } = await syncedPortal();
    const before = cacheState(db);
    server.faults.push({ match: (r) => r.path.endsWith('/appointments'), fault: { kind: 'hang' } });
    const stop = new AbortController();
    const syncing = syncOnce({ db, source: sourceFor(server), scope: 'kiosk', now: at(DAY, '14:00'), zone: ZONE, signal: stop.signal, progress: () => {}, secrets });
    while (server.calls('appointments').length === 0) await new Promise((r) => setTimeout(r, 10));
    stop.abort();
    await expect(syncing).rejects.toThrow();
    expect(cacheState(db)).toEqual(before);
  });

  it('no token stored: a plain sentence, no request at all', async () => {
    const { server, db } = await syncedPortal();
    server.requests.length = 0;
    await expect(syncOnce({ db, source: sourceFor(server), scope: 'kiosk', now: at(DAY, '14:00'), zone: ZONE, signal: new AbortController().signal, progress: () => {} }))
      .rejects.toMatchObject({ code: 'UPSTREAM_AUTH', message: expect.stringMatching(/koppelcode/) });
    expect(server.requests).toHaveLength(0);
  });
});
