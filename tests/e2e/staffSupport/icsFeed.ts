import { calendarReply, startFeedServer } from '../../../electron/core/sources/ical/testing/feedServer';

/** One lesson of a feed: a school-zone date and wall times, a subject in SUMMARY and a room code in LOCATION. */
export interface FeedLesson {
  date: string;
  start: string;
  end: string;
  subject: string;
  room: string;
}

const stamp = (date: string, time: string) => `${date.replace(/-/g, '')}T${time.replace(':', '')}00`;

/**
 * A small iCalendar feed as a school's calendar export makes it. Times are floating (no TZID): the connector reads
 * them in the school's zone, so the feed needs no VTIMEZONE.
 */
export function icsFeed(name: string, lessons: readonly FeedLesson[]): string {
  const events = lessons.flatMap((l, i) => [
    'BEGIN:VEVENT',
    `UID:gangbord-e2e-${i}@feed.example`,
    'DTSTAMP:20261101T080000Z',
    `DTSTART:${stamp(l.date, l.start)}`,
    `DTEND:${stamp(l.date, l.end)}`,
    `SUMMARY:${l.subject}`,
    `LOCATION:${l.room}`,
    'END:VEVENT',
  ]);
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Gangbord e2e//NL', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${name}`,
    ...events, 'END:VCALENDAR', '',
  ].join('\r\n');
}

export interface IcsServer {
  /** http://127.0.0.1:<port>/<path> */
  url: string;
  /** How many times the feed was fetched. */
  fetches(): number;
  close(): Promise<void>;
}

/** Serves one feed on 127.0.0.1 (plain http is allowed to this machine only), anything else is a 404. */
export async function startIcsServer(path: string, body: string): Promise<IcsServer> {
  const server = await startFeedServer({ [path]: calendarReply(body) });
  return {
    url: server.url(path),
    fetches: () => server.requests.filter((request) => request.path === path).length,
    close: () => server.close(),
  };
}
