import { afterEach, describe, it } from 'vitest';
import { IcalSourceConfig } from '@shared/settings';
import { instantAt } from '@shared/timetable/zonedTime';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import { syncOnce } from '../../sync/syncOnce';
import { expectShownOnBothDays } from '../../sync/testing/movedToAnotherDay';
import { createIcalSource } from './icalSource';
import { calendarReply, type FeedServer, startFeedServer } from './testing/feedServer';

// A weekly Tuesday lesson whose instance of 24 November is moved (RECURRENCE-ID) to Thursday 26 November, n2.03.
const ZONE = 'Europe/Amsterdam';
const tempDir = useTempDirs();
const servers: FeedServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
const at = (date: string, time: string) => instantAt(date, time, ZONE);

const FEED = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Gangbord test//NL',
  'BEGIN:VEVENT', 'UID:wi-3b@school.example', 'DTSTAMP:20261101T080000Z',
  'DTSTART;TZID=Europe/Amsterdam:20261117T103000', 'DTEND;TZID=Europe/Amsterdam:20261117T112000', 'RRULE:FREQ=WEEKLY;COUNT=6',
  'SUMMARY:wi', 'LOCATION:A1.01', 'CATEGORIES:3B', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:wi-3b@school.example', 'DTSTAMP:20261120T080000Z', 'SEQUENCE:1',
  'RECURRENCE-ID;TZID=Europe/Amsterdam:20261124T103000',
  'DTSTART;TZID=Europe/Amsterdam:20261126T103000', 'DTEND;TZID=Europe/Amsterdam:20261126T112000',
  'SUMMARY:wi', 'LOCATION:n2.03', 'CATEGORIES:3B', 'END:VEVENT',
  'END:VCALENDAR', '',
].join('\r\n');

describe('iCalendar: an instance moved to another day (RECURRENCE-ID)', () => {
  it('shows on both days: the old slot says where it went, the new one where it came from', async () => {
    const server = await startFeedServer({ '/rooster.ics': calendarReply(FEED) });
    servers.push(server);
    const config = IcalSourceConfig.parse({ type: 'ical', weeks: 2, feeds: [{ name: 'Rooster', url: server.url('/rooster.ics'), group: { from: 'categories' } }] });
    const db = openTestCache(tempDir());
    await syncOnce({ db, source: createIcalSource(config), scope: 'kiosk', now: at('2026-11-24', '07:00'), zone: ZONE, signal: new AbortController().signal, progress: () => {} });
    expectShownOnBothDays(db, {
      zone: ZONE, group: '3B',
      left: { at: at('2026-11-24', '10:45'), room: 'A1.01' },
      arrived: { at: at('2026-11-26', '10:45'), start: at('2026-11-26', '10:30'), room: 'n2.03', periodFrom: null },
    });
  });
});
