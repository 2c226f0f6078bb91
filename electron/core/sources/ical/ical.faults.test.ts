import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '@shared/contract';
import { IcalSourceConfig, Settings } from '@shared/settings';
import { instantAt } from '@shared/timetable/zonedTime';
import { manualClock } from '../../clock';
import type { CacheDb } from '../../db/open';
import { memoryLogger } from '../../logger';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import { createSyncEngine } from '../../sync/engine';
import { SourceError } from '../source';
import { outcomeOfError } from '../../sync/runJob';
import { syncOnce } from '../../sync/syncOnce';
import { guardUnhandledRejections } from '../../sync/testing/unhandledRejections';
import { createIcalSource, type IcalSourceOptions } from './icalSource';
import { cacheDump } from '../testing/connectorChecks';
import { calendarReply, type FeedServer, ownFixture, readText, type Reply, startFeedServer } from './testing/feedServer';

const ZONE = 'Europe/Amsterdam';
const NOW = instantAt('2024-03-26', '08:00', ZONE);
const tempDir = useTempDirs();

// Every fault must end in a typed error, never in a promise nobody handles.
guardUnhandledRejections();

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer({
    '/good.ics': calendarReply(readText(ownFixture('school-hoofdgebouw.ics'))),
    '/sporthal.ics': calendarReply(readText(ownFixture('school-sporthal.ics'))),
  });
});
afterAll(() => server.close());

/*
 * Answers from the loopback server arrive in milliseconds; the generous default keeps a loaded two-core machine
 * from turning a good answer into a timeout. Only the cases that never finish get the short deadline, and they
 * cannot finish early whatever the load.
 */
const ROOMY: IcalSourceOptions = { timeoutMs: 15_000 };
const SHORT: IcalSourceOptions = { timeoutMs: 400 };
const config = (...paths: string[]) => IcalSourceConfig.parse({
  type: 'ical', feeds: paths.map((path, i) => ({ name: `Feed ${i + 1}`, url: server.url(path) })),
});

const sync = (db: CacheDb, paths: string[], options: IcalSourceOptions = ROOMY, signal = new AbortController().signal) =>
  syncOnce({ db, source: createIcalSource(config(...paths), options), scope: 'kiosk', now: NOW, zone: ZONE, signal, progress: () => {} });

/** A cache holding a good timetable, and its contents. */
async function goodCache(): Promise<{ db: CacheDb; before: ReturnType<typeof cacheDump> }> {
  const db = openTestCache(tempDir());
  await sync(db, ['/good.ics']);
  const before = cacheDump(db);
  expect(before.lessons!.length).toBeGreaterThan(0);
  return { db, before };
}

const inFuture = new Date(Date.now() + 10 * 60_000).toUTCString();
const html = '<!DOCTYPE html><html><body><form>Inloggen</form></body></html>';
const truncatedCalendar = readText(ownFixture('school-hoofdgebouw.ics')).slice(0, 2000);
const emptyCalendar = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//NL\r\nEND:VCALENDAR\r\n';

const faults: [string, Reply, string, RegExp, ((e: SourceError) => void)?, IcalSourceOptions?][] = [
  ['HTTP 401', { status: 401, body: 'Unauthorized' }, 'UPSTREAM_AUTH', /refused access \(HTTP 401\)/],
  ['HTTP 403', { status: 403, body: 'Forbidden' }, 'UPSTREAM_AUTH', /refused access \(HTTP 403\)/],
  ['HTTP 404', { status: 404, body: 'Not Found' }, 'UPSTREAM_HTTP', /was not found \(HTTP 404\)/],
  ['HTTP 429 with Retry-After in seconds', { status: 429, headers: { 'retry-after': '120' } }, 'UPSTREAM_HTTP', /slow down \(HTTP 429\)\. It asked to try again in 2 min\./,
    (e) => expect(e.retryAfterMs).toBe(120_000)],
  ['HTTP 500', { status: 500, body: 'oops' }, 'UPSTREAM_HTTP', /server error \(HTTP 500\)/, (e) => expect(e.retryAfterMs).toBeNull()],
  ['HTTP 503 with Retry-After as a date', { status: 503, headers: { 'retry-after': inFuture } }, 'UPSTREAM_HTTP', /server error \(HTTP 503\)/,
    (e) => expect(e.retryAfterMs).toBeGreaterThan(8 * 60_000)],
  ['no answer (timeout)', { kind: 'hang' }, 'UPSTREAM_TIMEOUT', /did not answer within 400 ms/, undefined, SHORT],
  ['a reset connection', { kind: 'reset' }, 'UPSTREAM_HTTP', /could not be reached/],
  ['a truncated body (connection cut before Content-Length)', { kind: 'truncate', body: truncatedCalendar, declaredLength: 9000 }, 'UPSTREAM_HTTP', /closed before the whole calendar arrived/],
  ['a calendar cut off mid-way (complete HTTP answer)', calendarReply(truncatedCalendar), 'UPSTREAM_INVALID', /arrived incomplete/],
  ['a web page instead of a calendar', { status: 200, headers: { 'content-type': 'text/html' }, body: html }, 'UPSTREAM_INVALID', /a web page instead of a calendar/],
  ['JSON instead of a calendar', { status: 200, body: '{"error":"token"}' }, 'UPSTREAM_INVALID', /JSON instead of a calendar/],
  ['an empty calendar (through the engine checks)', calendarReply(emptyCalendar), 'UPSTREAM_EMPTY', /no rooms/],
  ['a slow trickle', { kind: 'trickle', intervalMs: 20 }, 'UPSTREAM_TIMEOUT', /did not finish sending within 400 ms/, undefined, SHORT],
  ['a redirect to plain http elsewhere', { status: 302, headers: { location: 'http://example.org/feed.ics' } }, 'UPSTREAM_HTTP', /without https/],
  ['a redirect loop', { status: 301, headers: { location: '/fault.ics' } }, 'UPSTREAM_HTTP', /redirected more than 5 times/],
];

describe('iCalendar faults over HTTP: the cache stays exactly as it was, the error is typed and plain', () => {
  afterEach(() => server.route('/fault.ics', { status: 404 }));

  it.each(faults)('%s', async (_, reply, code, message, extra, options) => {
    const { db, before } = await goodCache();
    server.route('/fault.ics', reply);
    const error = await sync(db, ['/fault.ics'], options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ code });
    expect((error as SourceError).message).toMatch(message);
    expect((error as SourceError).message).not.toContain('127.0.0.1'); // addresses may hold tokens
    extra?.(error as SourceError);
    expect(cacheDump(db)).toEqual(before);
  });

  it('a feed larger than the cap', async () => {
    const { db, before } = await goodCache();
    await expect(sync(db, ['/good.ics'], { ...ROOMY, maxBytes: 1024 })).rejects.toMatchObject({ code: 'UPSTREAM_INVALID', message: expect.stringMatching(/larger than/) });
    expect(cacheDump(db)).toEqual(before);
  });

  it('a refused connection (nothing listening)', async () => {
    const { db, before } = await goodCache();
    const closed = await startFeedServer();
    const url = closed.url('/x.ics');
    await closed.close();
    const source = createIcalSource(IcalSourceConfig.parse({ type: 'ical', feeds: [{ name: 'Dicht', url }] }), ROOMY);
    await expect(syncOnce({ db, source, scope: 'kiosk', now: NOW, zone: ZONE, signal: new AbortController().signal, progress: () => {} }))
      .rejects.toMatchObject({ code: 'UPSTREAM_HTTP', message: expect.stringMatching(/refused the connection/) });
    expect(cacheDump(db)).toEqual(before);
  });

  it('one broken feed among good ones fails the whole sync (a room would otherwise lose its lessons)', async () => {
    const { db, before } = await goodCache();
    server.route('/fault.ics', { status: 500 });
    await expect(sync(db, ['/good.ics', '/sporthal.ics', '/fault.ics'])).rejects.toMatchObject({ code: 'UPSTREAM_HTTP', message: expect.stringMatching(/^Feed 'Feed 3'/) });
    expect(cacheDump(db)).toEqual(before);
  });

  it('a stop during the fetch passes through as an abort, not as an upstream fault', async () => {
    const { db, before } = await goodCache();
    server.route('/fault.ics', { kind: 'hang' });
    const stop = new AbortController();
    const running = sync(db, ['/fault.ics'], { timeoutMs: 60_000 }, stop.signal);
    setTimeout(() => stop.abort(), 50);
    const error = await running.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(SourceError);
    expect(outcomeOfError('ical', error, { log: memoryLogger(), progress: () => {}, signal: stop.signal })).toMatchObject({ ok: false, code: 'ABORTED' });
    expect(cacheDump(db)).toEqual(before);
  });
});

describe('iCalendar faults through the sync engine', () => {
  it('shows backoff with the error in the status, obeys Retry-After, and keeps the last good data', async () => {
    const { db, before } = await goodCache();
    server.route('/fault.ics', { status: 429, headers: { 'retry-after': '600' } });
    const clock = manualClock(NOW);
    const statuses: SyncStatus[] = [];
    const source = createIcalSource(config('/fault.ics'), ROOMY);
    const engine = createSyncEngine({
      clock, log: memoryLogger(), settings: () => Settings.parse({}), sourceId: () => 'ical',
      lastSuccessAt: () => NOW - 60_000, onStatus: (s) => statuses.push(s), onDataChanged: () => {}, random: () => 1,
      // The engine as the core builds it, with the worker's job (runJob.ts) run in-process on this source.
      runJob: async (hooks) => {
        try {
          const result = await syncOnce({ db, source, scope: 'kiosk', now: clock.now(), zone: ZONE, signal: hooks.signal, progress: hooks.progress });
          return { ok: true, sourceId: source.id, ...result };
        } catch (error) {
          return outcomeOfError(source.id, error, { log: memoryLogger(), progress: hooks.progress, signal: hooks.signal });
        }
      },
    });
    try {
      const status = await engine.trigger('manual');
      expect(status).toMatchObject({
        state: 'backoff', source: 'ical', lastSuccessAt: NOW - 60_000, consecutiveFailures: 1,
        lastError: { code: 'UPSTREAM_HTTP', message: "Feed 'Feed 1' asked Gangbord to slow down (HTTP 429). It asked to try again in 10 min." },
      });
      expect(status.nextRunAt).toBe(NOW + 600_000);
      expect(statuses[0]!.state).toBe('running');
      expect(statuses.at(-1)).toEqual(status);
      expect(cacheDump(db)).toEqual(before);
    } finally {
      await engine.stop();
    }
  });
});
