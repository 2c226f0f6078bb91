import { afterEach, describe, expect, it } from 'vitest';
import { IcalSourceConfig } from '@shared/settings';
import { instantAt } from '@shared/timetable/zonedTime';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import { syncOnce } from '../../sync/syncOnce';
import type { SyncScope } from '../source';
import { sourceContext } from '../testing/connectorChecks';
import { createIcalSource } from './icalSource';
import { calendarReply, type FeedServer, startFeedServer } from './testing/feedServer';

/*
 * A booking system's feed names teachers in full in its DESCRIPTION ("Docent: Bouke Bruinsma"). Screens show them
 * by a code (the administrator's, or initials); staff PCs keep the name beside it; titles stay whole.
 */
const ZONE = 'Europe/Amsterdam';
const NOW = instantAt('2024-03-26', '08:00', ZONE);
const tempDir = useTempDirs();
const servers: FeedServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const event = (uid: string, start: string, summary: string, teacher: string, room: string) => [
  'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20240301T070000Z', `DTSTART;TZID=Europe/Amsterdam:${start}`, 'DURATION:PT50M',
  `SUMMARY:${summary}`, `LOCATION:${room}`, `DESCRIPTION:Docent: ${teacher}`, 'END:VEVENT',
].join('\r\n');
const FEED = ['BEGIN:VCALENDAR', 'VERSION:2.0',
  event('a', '20240326T083000', 'Schoolexamen Nederlands', 'Bouke Bruinsma', 'Aula'),
  event('b', '20240326T093000', 'Aardrijkskunde', 'Bas Bakker', 'A1.01'),
  event('c', '20240326T103000', 'Aardrijkskunde', 'Sanne van den Berg', 'A1.01'),
  event('d', '20240326T113000', 'Wiskunde', 'KLN', 'A1.02'),
  'END:VCALENDAR', ''].join('\r\n');

async function feedConfig(teacherCodes: Array<{ name: string; code: string }> = []) {
  const server = await startFeedServer({ '/boekingen.ics': calendarReply(FEED) });
  servers.push(server);
  return IcalSourceConfig.parse({
    type: 'ical', weeks: 1, teacherCodes,
    feeds: [{ name: 'Boekingen', url: server.url('/boekingen.ics'), teacher: { from: 'description', pattern: 'Docent: (.+)' } }],
  });
}

async function synced(scope: SyncScope, teacherCodes?: Array<{ name: string; code: string }>) {
  const db = openTestCache(tempDir());
  await syncOnce({
    db,
    source: createIcalSource(await feedConfig(teacherCodes)),
    scope,
    now: NOW,
    zone: ZONE,
    signal: new AbortController().signal,
    progress: () => {},
  });
  return db;
}

describe('teachers an iCalendar feed names in full', () => {
  it('are shown on a kiosk by initials, numbered where two share them, with titles whole and no name kept', async () => {
    const db = await synced('kiosk');
    const rows = db.prepare('SELECT subjects, teachers FROM lessons ORDER BY start_ms').all();
    expect(rows).toEqual([
      { subjects: 'Schoolexamen Nederlands', teachers: 'BB2' },
      { subjects: 'Aardrijkskunde', teachers: 'BB' },
      { subjects: 'Aardrijkskunde', teachers: 'SB' },
      { subjects: 'Wiskunde', teachers: 'KLN' },
    ]);
    const everything = JSON.stringify([db.prepare('SELECT * FROM lessons').all(), db.prepare('SELECT * FROM teachers').all()]);
    for (const name of ['Bouke', 'Bruinsma', 'Bakker', 'Sanne', 'Berg']) expect(everything).not.toContain(name);
  });

  it("take the administrator's code where one is set", async () => {
    const db = await synced('kiosk', [{ name: 'bouke  bruinsma', code: 'BRU' }]);
    expect(db.prepare('SELECT teachers FROM lessons ORDER BY start_ms').pluck().all()).toEqual(['BRU', 'BB', 'SB', 'KLN']);
  });

  it('are kept by name beside the code on a staff PC', async () => {
    const db = await synced('staff');
    expect(db.prepare("SELECT first_name, prefix, last_name FROM teachers WHERE code = 'SB'").get()).toEqual({ first_name: 'Sanne', prefix: 'van den', last_name: 'Berg' });
  });

  it('"test connection" lists each name with the code screens show', async () => {
    const steps = await createIcalSource(await feedConfig([{ name: 'Bouke Bruinsma', code: 'BRU' }])).test!(sourceContext(NOW, { scope: 'staff' }));
    expect(steps.at(-1)).toMatchObject({ step: 'Timetable', ok: true, detail: expect.stringContaining('teachers named in full, shown on screens as: Bas Bakker = BB, Bouke Bruinsma = BRU, Sanne van den Berg = SB') });
  });

  it('refuses a code with a space, or a name that is one word, when the source is set', () => {
    expect(IcalSourceConfig.safeParse({ type: 'ical', feeds: [{ name: 'x', url: 'https://example.org/x.ics' }], teacherCodes: [{ name: 'Bouke Bruinsma', code: 'B B' }] }).success).toBe(false);
    expect(IcalSourceConfig.safeParse({ type: 'ical', feeds: [{ name: 'x', url: 'https://example.org/x.ics' }], teacherCodes: [{ name: 'Bouke', code: 'BB' }] }).success).toBe(false);
  });
});
