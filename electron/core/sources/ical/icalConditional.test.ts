import { afterEach, describe, expect, it } from 'vitest';
import { IcalSourceConfig } from '@shared/settings';
import { instantAt } from '@shared/timetable/zonedTime';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import { syncOnce } from '../../sync/syncOnce';
import { cacheDump, sourceContext } from '../testing/connectorChecks';
import { createIcalSource } from './icalSource';
import { calendarReply, type FeedServer, ownFixture, readText, startFeedServer } from './testing/feedServer';

const ZONE = 'Europe/Amsterdam';
const tempDir = useTempDirs();
const servers: FeedServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** A feed server that knows ETags: 304 to an If-None-Match of the current version, the whole feed otherwise. */
async function etagServer() {
  const version = { etag: '"v1"', body: readText(ownFixture('school-hoofdgebouw.ics')) };
  let downloads = 0;
  const server = await startFeedServer({
    '/feed.ics': (req) => {
      if (req.headers['if-none-match'] === version.etag) return { status: 304, headers: { etag: version.etag } };
      downloads += 1;
      return calendarReply(version.body, { etag: version.etag, 'last-modified': 'Tue, 26 Mar 2024 06:00:00 GMT' });
    },
  });
  servers.push(server);
  return { server, version, downloads: () => downloads };
}

describe('conditional requests for iCalendar feeds', () => {
  it('a second sync answered 304 downloads nothing, keeps the data and counts as a success', async () => {
    const { server, version, downloads } = await etagServer();
    const db = openTestCache(tempDir());
    const source = () => createIcalSource(IcalSourceConfig.parse({ type: 'ical', weeks: 2, feeds: [{ name: 'Hoofdgebouw', url: server.url('/feed.ics') }] }));
    const sync = (now: number) => syncOnce({ db, source: source(), scope: 'kiosk', now, zone: ZONE, signal: new AbortController().signal, progress: () => {} });
    const now = instantAt('2024-03-26', '08:00', ZONE);

    expect((await sync(now)).kind).toBe('snapshot');
    expect(downloads()).toBe(1);
    const before = cacheDump(db);
    expect(before.lessons!.length).toBeGreaterThan(5);

    const again = await sync(now + 600_000);
    expect(again.kind).toBe('unchanged');
    expect(downloads()).toBe(1);
    expect(server.requests.at(-1)!.headers['if-none-match']).toBe('"v1"');
    expect(cacheDump(db)).toEqual({ ...before, sync_state: expect.anything() });
    expect(db.prepare('SELECT last_success_ms FROM sync_state').pluck().get()).toBe(now + 600_000);

    // A new version upstream: fetched whole.
    version.etag = '"v2"';
    expect((await sync(now + 1_200_000)).kind).toBe('snapshot');
    expect(downloads()).toBe(2);
    // A new week (another sync window): fetched whole too, since the feed must be expanded for the new dates.
    expect((await sync(instantAt('2024-04-02', '08:00', ZONE))).kind).toBe('snapshot');
    expect(downloads()).toBe(3);
  });

  it('"test connection" says whether a feed answers conditional requests', async () => {
    const { server } = await etagServer();
    const config = IcalSourceConfig.parse({ type: 'ical', weeks: 2, feeds: [{ name: 'Hoofdgebouw', url: server.url('/feed.ics') }] });
    const steps = await createIcalSource(config).test!(sourceContext(instantAt('2024-03-26', '08:00', ZONE)));
    expect(steps[0]).toMatchObject({ step: "Feed 'Hoofdgebouw'", ok: true, detail: expect.stringMatching(/answers "not modified" when unchanged/) });
  });
});
