import { afterEach, describe, expect, it } from 'vitest';
import type { RoomNowNext } from '@shared/contract';
import { IcalSourceConfig } from '@shared/settings';
import { instantAt } from '@shared/timetable/zonedTime';
import { createKioskBoard } from '../../services/kioskBoard';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import { syncOnce } from '../../sync/syncOnce';
import { windows1252 } from '../testing/windows1252';
import { createIcalSource } from './icalSource';
import { sourceContext } from '../testing/connectorChecks';
import { calendarReply, type FeedServer, ownFixture, readText, startFeedServer, upstreamSample } from './testing/feedServer';
import { itRealSamples } from '../../testing/realSamples';
import { HAVE_UPSTREAM_FIXTURES } from '../../testing/upstreamFixtures';

const ZONE = 'Europe/Amsterdam';
const at = (date: string, time: string) => instantAt(date, time, ZONE);
const tempDir = useTempDirs();
const servers: FeedServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function serve(): Promise<FeedServer> {
  const server = await startFeedServer({
    '/hoofdgebouw.ics': calendarReply(readText(ownFixture('school-hoofdgebouw.ics'))),
    '/sporthal.ics': calendarReply(readText(ownFixture('school-sporthal.ics'))),
    ...(HAVE_UPSTREAM_FIXTURES ? {
      '/google.ics': calendarReply(readText(upstreamSample('ja90n_google-calendar-export_hoihoi.ics'))),
      '/holidays.ics': calendarReply(readText(upstreamSample('enbrea_holidays.ics'))),
    } : {}),
  });
  servers.push(server);
  return server;
}

const rules = { teacher: { from: 'description', pattern: 'Docent: (\\w+)' }, group: { from: 'description', pattern: 'Klas: (.*)' } } as const;

function schoolConfig(server: FeedServer) {
  return IcalSourceConfig.parse({
    type: 'ical',
    weeks: 2,
    daysOffCategory: 'Vrije dag',
    feeds: [
      { name: 'Hoofdgebouw', url: server.url('/hoofdgebouw.ics'), ...rules },
      // A tokenised address is a credential: kept as a secret, named here.
      { name: 'Sporthal', urlSecret: 'ical.sporthal', ...rules },
    ],
  });
}

const room = (rooms: RoomNowNext[], code: string) => {
  const found = rooms.find((r) => r.room.code === code);
  if (!found) throw new Error(`no room ${code}`);
  return found;
};

describe('iCalendar over HTTP into the cache: what the kiosk shows', () => {
  it('syncs two feeds (one behind a secret) and shows the right lesson now, cancelled ones marked, moved ones in both rooms', async () => {
    const server = await serve();
    const db = openTestCache(tempDir());
    const now = at('2024-03-26', '08:00');
    const result = await syncOnce({
      db, source: createIcalSource(schoolConfig(server)), scope: 'kiosk', now, zone: ZONE, signal: new AbortController().signal, progress: () => {},
      secrets: { 'ical.sporthal': server.url('/sporthal.ics') },
    });
    expect(result).toMatchObject({ kind: 'snapshot', summary: { lessons: 12, rooms: 5, pupils: 0 } });
    expect(server.requests.map((r) => r.path).sort()).toEqual(['/hoofdgebouw.ics', '/sporthal.ics']);
    expect(server.requests[0]!.headers.accept).toContain('text/calendar');

    const board = createKioskBoard(db, () => ZONE);

    // Tuesday 26 March, 08:45: wiskunde moved from B2.10 to B0.10 for this week only (RECURRENCE-ID override).
    const tuesday = board.nowNext(at('2024-03-26', '08:45'));
    expect(room(tuesday.rooms, 'B0.10').now).toMatchObject({ subjects: ['wi'], rooms: ['B0.10'], teachers: ['JNS'], groups: ['3B'], change: { previousRooms: ['B2.10'] } });
    expect(room(tuesday.rooms, 'B2.10').now).toMatchObject({ subjects: ['wi'], rooms: ['B0.10'], change: { previousRooms: ['B2.10'], description: null } });
    // ... and the Dutch lesson after it is cancelled (STATUS:CANCELLED override), still shown, marked.
    expect(room(tuesday.rooms, 'B2.10').next).toMatchObject({ subjects: ['ne'], start: Date.parse('2024-03-26T08:20:00Z'), change: { cancelled: true } });

    // Wednesday 27 March, 08:45: English in B2.11 is cancelled; gym at 13:45 (no VTIMEZONE, LF-only feed).
    expect(room(board.nowNext(at('2024-03-27', '08:45')).rooms, 'B2.11').now).toMatchObject({ subjects: ['en'], change: { cancelled: true } });
    expect(room(board.nowNext(at('2024-03-27', '13:45')).rooms, 'GYM1').now).toMatchObject({ subjects: ['lo'], teachers: ['KLN'], start: Date.parse('2024-03-27T12:30:00Z') });

    // Tuesday 2 April, after the switch to summer time: Dutch at 09:20 CEST, then wiskunde moved to 10:25.
    const afterSwitch = room(board.nowNext(at('2024-04-02', '09:30')).rooms, 'B2.10');
    expect(afterSwitch.now).toMatchObject({ subjects: ['ne'], start: Date.parse('2024-04-02T07:20:00Z'), change: { cancelled: false } });
    expect(afterSwitch.next).toMatchObject({ subjects: ['wi'], teachers: ['PET'], start: Date.parse('2024-04-02T08:25:00Z'), change: { previousStart: Date.parse('2024-04-02T06:30:00Z'), previousTeachers: ['JNS'] } });

    // Easter Monday is a day off: a holiday in the cache, and no wiskunde that morning (EXDATE).
    expect(db.prepare('SELECT name, "from", "to" FROM holidays').all()).toEqual([{ name: 'Tweede Paasdag', from: '2024-04-01', to: '2024-04-01' }]);
    expect(room(board.nowNext(at('2024-04-01', '08:45')).rooms, 'B2.10').now).toBeNull();
  });

  itRealSamples('serves the real samples: a Google export (room by rule from SUMMARY) and a holiday calendar', async () => {
    const server = await serve();
    const db = openTestCache(tempDir());
    const config = IcalSourceConfig.parse({
      type: 'ical',
      feeds: [
        { name: 'Google', url: server.url('/google.ics'), room: { from: 'summary' } },
        { name: 'Vakanties', url: server.url('/holidays.ics'), daysOff: true },
      ],
    });
    await syncOnce({ db, source: createIcalSource(config), scope: 'kiosk', now: at('2024-02-12', '08:00'), zone: ZONE, signal: new AbortController().signal, progress: () => {} });
    const board = createKioskBoard(db, () => ZONE).nowNext(at('2024-02-12', '15:45'));
    expect(room(board.rooms, 'neeneesasdasd').now).toMatchObject({ start: Date.parse('2024-02-12T14:30:00Z'), end: Date.parse('2024-02-12T15:30:00Z'), day: '2024-02-12' });
    expect(room(board.rooms, 'neenee').now).toBeNull();
    expect(room(board.rooms, 'neenee').next).toMatchObject({ day: '2024-02-14' });
  });

  it('believes a Content-Type charset: a Windows-1252 feed keeps its Š and €', async () => {
    const server = await serve();
    const body = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:w\r\nDTSTART:20240326T083000Z\r\nDTEND:20240326T092000Z\r\nSUMMARY:€-les\r\nLOCATION:Šport 1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    server.route('/ansi.ics', calendarReply(windows1252(body), { 'content-type': 'text/calendar; charset=windows-1252' }));
    const db = openTestCache(tempDir());
    const config = IcalSourceConfig.parse({ type: 'ical', feeds: [{ name: 'Oud', url: server.url('/ansi.ics') }] });
    await syncOnce({ db, source: createIcalSource(config), scope: 'kiosk', now: at('2024-03-26', '08:00'), zone: ZONE, signal: new AbortController().signal, progress: () => {} });
    expect(db.prepare('SELECT rooms, subjects FROM lessons').all()).toEqual([{ rooms: 'Šport 1', subjects: '€-les' }]);
  });

  it('"test connection" says per feed how many events and how many this week, then what the timetable holds', async () => {
    const server = await serve();
    const source = createIcalSource(schoolConfig(server));
    const steps = await source.test!(sourceContext(at('2024-03-26', '08:00'), { secrets: { 'ical.sporthal': server.url('/sporthal.ics') } }));
    expect(steps).toEqual([
      { step: "Feed 'Hoofdgebouw'", ok: true, detail: '10 events, 6 this week; no ETag or Last-Modified: every sync downloads the whole feed', code: 'feed', subject: 'Hoofdgebouw' },
      { step: "Feed 'Sporthal'", ok: true, detail: '3 events, 2 this week; no ETag or Last-Modified: every sync downloads the whole feed', code: 'feed', subject: 'Sporthal' },
      {
        step: 'Timetable', ok: true,
        detail: '12 lessons in 5 rooms from 2024-03-25 to 2024-04-07; 1 day off: Tweede Paasdag (2024-04-01); 1 all-day event left out; 1 lesson in more than one feed, kept once.',
        code: 'timetable', subject: null,
      },
    ]);
  });

  it('"test connection" reports each failing feed in plain words and goes on with the others', async () => {
    const server = await serve();
    server.route('/gone.ics', { status: 404, body: 'Not Found' });
    const config = IcalSourceConfig.parse({
      type: 'ical',
      feeds: [{ name: 'Weg', url: server.url('/gone.ics') }, { name: 'Sporthal', urlSecret: 'ical.sporthal' }, { name: 'Hoofdgebouw', url: server.url('/hoofdgebouw.ics') }],
    });
    const steps = await createIcalSource(config).test!(sourceContext(at('2024-03-26', '08:00')));
    expect(steps).toEqual([
      { step: "Feed 'Weg'", ok: false, detail: "Feed 'Weg' was not found (HTTP 404); check its address.", code: 'feed', subject: 'Weg', error: 'UPSTREAM_HTTP' },
      { step: "Feed 'Sporthal'", ok: false, detail: "Feed 'Sporthal': its address is kept as the secret 'ical.sporthal', which is not set on this machine.", code: 'feed', subject: 'Sporthal', error: 'UPSTREAM_AUTH' },
      { step: "Feed 'Hoofdgebouw'", ok: true, detail: '10 events, 6 this week; no ETag or Last-Modified: every sync downloads the whole feed', code: 'feed', subject: 'Hoofdgebouw' },
    ]);
  });
});
