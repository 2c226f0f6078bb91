import type { Instant, LocalDate } from '@shared/domain/time';
import { instantAt, localTimeOf, zoneOffset } from '@shared/timetable/zonedTime';
import { intlLocale, type Locale } from '../i18n';

const pad = (n: number) => String(n).padStart(2, '0');

// The zone's offset for one minute of UTC: zones change offset on whole minutes, so within a minute it holds and
// the clock face needs no Intl call on 59 of every 60 ticks (a kiosk's clock runs 86,400 times a day).
let offsetFor: { zone: string; minute: number; offset: number } | null = null;

/** 09:15:07 in the school's zone, 24-hour, whatever the machine's own zone or locale. */
export function clockTime(at: Instant, zone: string): string {
  const minute = Math.floor(at / 60_000);
  if (offsetFor?.zone !== zone || offsetFor.minute !== minute) offsetFor = { zone, minute, offset: zoneOffset(minute * 60_000, zone) };
  const local = Math.floor((at + offsetFor.offset) / 1000);
  const seconds = ((local % 86_400) + 86_400) % 86_400;
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

// Lesson times repeat (the bell schedule): a page of room cards asks for the same few dozen again and again.
const shortTimes = new Map<string, string>();
const SHORT_TIMES_KEPT = 300; // a few school days of bell times: small enough that a kiosk's heap stays flat

/** 09:15 in the school's zone. */
export function shortTime(at: Instant, zone: string): string {
  const key = `${zone} ${at}`;
  let text = shortTimes.get(key);
  if (text === undefined) {
    if (shortTimes.size >= SHORT_TIMES_KEPT) shortTimes.clear();
    shortTimes.set(key, (text = localTimeOf(at, zone)));
  }
  return text;
}

/** 08:30–09:20 */
export function timeRange(start: Instant, end: Instant, zone: string): string {
  return `${shortTime(start, zone)}–${shortTime(end, zone)}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: Locale, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${zone} ${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: zone })));
  return f;
}

/** "dinsdag 24 november 2026" / "Tuesday 24 November 2026". */
export function longDate(at: Instant, zone: string, locale: Locale): string {
  return dateFormat(locale, zone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(at);
}

/** "wo" / "Wed": for a next lesson on another day. */
export function shortWeekday(at: Instant, zone: string, locale: Locale): string {
  return dateFormat(locale, zone, { weekday: 'short' }).format(at).replace(/\.$/, '');
}

/** "ma 23 nov" / "Mon 23 Nov": for an update that was not today. */
export function shortDate(at: Instant, zone: string, locale: Locale): string {
  return dateFormat(locale, zone, { weekday: 'short', day: 'numeric', month: 'short' }).format(at).replace(/\./g, '');
}

/** "maandag 6 januari" / "Monday 6 January": a school day named on a door sign or the changes board. */
export function dayAndDate(date: LocalDate, zone: string, locale: Locale): string {
  // Noon of that date in the school's zone is on that date whatever the offset; ICU may put a comma after the weekday.
  return dateFormat(locale, zone, { weekday: 'long', day: 'numeric', month: 'long' }).format(instantAt(date, '12:00', zone)).replace(',', '');
}

/** Whole minutes left until `end`, rounded up: "nog 1 min" until the very last second. */
export function minutesLeft(now: Instant, end: Instant): number {
  return Math.max(0, Math.ceil((end - now) / 60_000));
}
