import { afterEach, describe, expect, it } from 'vitest';
import { WebUntisSourceConfig } from '@shared/settings';
import { instantAt } from '@shared/timetable/zonedTime';
import type { CacheDb } from '../../db/open';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import { SourceError } from '../source';
import { syncOnce } from '../../sync/syncOnce';
import { cacheState } from '../../sync/testing/cacheState';
import { syncThroughEngine } from '../../sync/testing/engineRun';
import type { Fault, SeenRequest } from '../../sync/testing/loopback';
import { guardUnhandledRejections } from '../../sync/testing/unhandledRejections';
import { DAY, PASSWORD, SCHOOL, USER, webuntisSchool, ZONE } from './testing/webuntisSchool';
import { calling, rpcAnswer, rpcFault, startWebUntisServer, type WebUntisServer } from './testing/webuntisServer';
import { createWebUntisSource } from '.';

guardUnhandledRejections();
const tempDir = useTempDirs();
const servers: WebUntisServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const at = (date: string, time: string) => instantAt(date, time, ZONE);
/**
 * For the syncs that meet a fault: short enough to keep the hanging cases quick, long enough never to trip a healthy
 * loopback call on a busy machine. The good syncs before them keep the default deadline.
 */
const TIMEOUT_MS = 2000;

async function syncedServer() {
  const server = await startWebUntisServer(webuntisSchool(), { school: SCHOOL, user: USER, password: PASSWORD });
  servers.push(server);
  const db = openTestCache(tempDir());
  await run(db, server, at(DAY, '07:00'), undefined, 30_000);
  // Untis uploaded something new since: the next sync fetches everything, and meets the fault.
  server.data.importTime += 3_600_000;
  return { server, db };
}

const sourceFor = (server: WebUntisServer, timeoutMs = TIMEOUT_MS) => createWebUntisSource(
  WebUntisSourceConfig.parse({ type: 'webuntis', server: 'de-gang.webuntis.com', school: SCHOOL, username: USER, baseUrl: server.baseUrl }),
  { timeoutMs },
);

function run(db: CacheDb, server: WebUntisServer, now: number, secrets: Record<string, string> = { 'webuntis.password': PASSWORD }, timeoutMs = TIMEOUT_MS) {
  return syncOnce({ db, source: sourceFor(server, timeoutMs), scope: 'kiosk', now, zone: ZONE, signal: new AbortController().signal, progress: () => {}, secrets });
}

const any = () => true;
const timetableWith = (period: Record<string, unknown>) => ({ kind: 'body', body: rpcAnswer('1', [period]) }) as Fault;

interface Case {
  name: string;
  match: (req: SeenRequest) => boolean;
  fault: Fault;
  code: string;
  retryAfterMs?: number;
  /** The fault comes after sign-in: the session must have been ended all the same. */
  signedIn: boolean;
}

const cases: Case[] = [
  { name: 'HTTP 401', match: any, fault: { kind: 'status', status: 401, body: '' }, code: 'UPSTREAM_AUTH', signedIn: false },
  { name: 'HTTP 403', match: calling('getTimetable'), fault: { kind: 'status', status: 403, body: '' }, code: 'UPSTREAM_AUTH', signedIn: true },
  { name: 'HTTP 404', match: any, fault: { kind: 'status', status: 404, body: '<html>Not Found</html>' }, code: 'UPSTREAM_HTTP', signedIn: false },
  { name: 'HTTP 429 with Retry-After', match: calling('getTimetable'), fault: { kind: 'status', status: 429, headers: { 'retry-after': '90' } }, code: 'UPSTREAM_HTTP', retryAfterMs: 90_000, signedIn: true },
  { name: 'HTTP 500', match: calling('getTimetable'), fault: { kind: 'status', status: 500, body: 'Internal Server Error' }, code: 'UPSTREAM_HTTP', signedIn: true },
  { name: 'HTTP 503 with Retry-After', match: calling('getRooms'), fault: { kind: 'status', status: 503, headers: { 'retry-after': '600' } }, code: 'UPSTREAM_HTTP', retryAfterMs: 600_000, signedIn: true },
  { name: 'bad credentials (−8504)', match: calling('authenticate'), fault: rpcFault(-8504, 'bad credentials'), code: 'UPSTREAM_AUTH', signedIn: false },
  { name: 'an unknown JSON-RPC error', match: calling('getTimetable'), fault: rpcFault(-8998, 'internal'), code: 'UPSTREAM_HTTP', signedIn: true },
  { name: 'a timeout', match: calling('getTimetable'), fault: { kind: 'hang' }, code: 'UPSTREAM_TIMEOUT', signedIn: true },
  { name: 'a reset connection', match: calling('getTimetable'), fault: { kind: 'reset' }, code: 'UPSTREAM_HTTP', signedIn: true },
  { name: 'a truncated body', match: calling('getRooms'), fault: { kind: 'truncate', body: rpcAnswer('1', webuntisSchool().rooms) }, code: 'UPSTREAM_HTTP', signedIn: true },
  { name: 'invalid JSON', match: calling('getTimetable'), fault: { kind: 'body', body: '{"jsonrpc":"2.0","id":"3","result":[{"id":1,' }, code: 'UPSTREAM_INVALID', signedIn: true },
  { name: 'an empty data set', match: (r) => calling('getRooms')(r) || calling('getKlassen')(r), fault: { kind: 'body', body: rpcAnswer('1', []) }, code: 'UPSTREAM_EMPTY', signedIn: true },
  { name: 'a changed schema', match: calling('getTimetable'), fault: timetableWith({ id: 1, date: '2026-11-24', startTime: '08:30', endTime: '09:20', ro: [{ id: 1 }] }), code: 'UPSTREAM_INVALID', signedIn: true },
  { name: 'a slow trickle', match: calling('getTimetable'), fault: { kind: 'trickle', everyMs: 100 }, code: 'UPSTREAM_TIMEOUT', signedIn: true },
];

describe('WebUntis faults leave the cache exactly as it was', () => {
  it.each(cases)('$name: a typed error, the cache untouched, signed out, backoff in the status', async ({ match, fault, code, retryAfterMs, signedIn }) => {
    const { server, db } = await syncedServer();
    const before = cacheState(db);
    server.faults.push({ match, fault });

    const error = await run(db, server, at(DAY, '07:30')).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ code, retryAfterMs: retryAfterMs ?? null });
    expect((error as Error).message).not.toContain(PASSWORD);
    expect(cacheState(db)).toEqual(before);
    if (signedIn) expect(server.calls('logout').length).toBeGreaterThanOrEqual(2);
    expect(server.openSessions()).toBe(0);

    const now = at(DAY, '07:35');
    const status = await syncThroughEngine({ db, source: sourceFor(server), scope: 'kiosk', now, zone: ZONE, secrets: { 'webuntis.password': PASSWORD } });
    expect(status).toMatchObject({ state: 'backoff', consecutiveFailures: 1, lastError: { code } });
    expect(status.nextRunAt).toBe(now + Math.max(30_000, retryAfterMs ?? 0));
    expect(cacheState(db)).toEqual(before);
    expect(server.openSessions()).toBe(0);
  });

  it('a session that will not come back (−8520 after signing in again) is an auth error, and still signed out', async () => {
    const { server, db } = await syncedServer();
    const before = cacheState(db);
    server.options.expireSessions = 2;
    await expect(run(db, server, at(DAY, '07:30'))).rejects.toMatchObject({ code: 'UPSTREAM_AUTH' });
    expect(cacheState(db)).toEqual(before);
    expect(server.openSessions()).toBe(0);
  });

  it('every week refused (−7004): a plain sentence, nothing written', async () => {
    const { server, db } = await syncedServer();
    const before = cacheState(db);
    server.options.allowedDates = { from: 20250801, to: 20260731 };
    await expect(run(db, server, at(DAY, '07:30'))).rejects.toMatchObject({ code: 'UPSTREAM_INVALID', message: expect.stringMatching(/outside the school year/) });
    expect(cacheState(db)).toEqual(before);
  });

  it('no password stored: a plain sentence, no request at all', async () => {
    const { server, db } = await syncedServer();
    const count = server.requests.length;
    await expect(run(db, server, at(DAY, '07:30'), {})).rejects.toMatchObject({ code: 'UPSTREAM_AUTH', message: expect.stringMatching(/No WebUntis password/) });
    expect(server.requests).toHaveLength(count);
  });

  it('a sync stopped mid-way writes nothing and still signs out', async () => {
    const { server, db } = await syncedServer();
    const before = cacheState(db);
    server.faults.push({ match: calling('getTimetable'), fault: { kind: 'hang' } });
    const stop = new AbortController();
    const syncing = syncOnce({ db, source: sourceFor(server), scope: 'kiosk', now: at(DAY, '07:30'), zone: ZONE, signal: stop.signal, progress: () => {}, secrets: { 'webuntis.password': PASSWORD } });
    while (server.calls('getTimetable').length === 0) await new Promise((r) => setTimeout(r, 10));
    stop.abort();
    await expect(syncing).rejects.toThrow();
    expect(cacheState(db)).toEqual(before);
    expect(server.openSessions()).toBe(0);
  });
});
