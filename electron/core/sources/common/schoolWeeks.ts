import type { Instant, LocalDate } from '@shared/domain/time';
import { addDays, instantAt, isoWeek, localDateOf, mondayOf, weekdayOf } from '@shared/timetable/zonedTime';

export interface SchoolWeek {
  monday: LocalDate;
  sunday: LocalDate;
  /** Monday 00:00 in the school's zone. */
  start: Instant;
  /** The next Monday 00:00 (exclusive). */
  end: Instant;
  /** "week 48", as Dutch schools name weeks. */
  label: string;
  /** The ISO week number; null for the near days (today and the next school day). */
  week: number | null;
}

/**
 * The weeks a connector fetches: the current one and the next `count - 1`. On Saturday and Sunday the coming week
 * counts as current: a kiosk then needs Monday, not the week that just ended (which the cache keeps anyway).
 */
export function schoolWeeks(now: Instant, zone: string, count: number): SchoolWeek[] {
  const today = localDateOf(now, zone);
  const first = weekdayOf(today) >= 6 ? mondayOf(addDays(today, 7)) : mondayOf(today);
  return Array.from({ length: Math.max(1, count) }, (_, i) => {
    const monday = addDays(first, 7 * i);
    return {
      monday,
      sunday: addDays(monday, 6),
      start: instantAt(monday, '00:00', zone),
      end: instantAt(addDays(monday, 7), '00:00', zone),
      label: `week ${isoWeek(monday).week}`,
      week: isoWeek(monday).week,
    };
  });
}

/**
 * Today and the next school day (Monday after a Friday or a weekend), as one range: what a connector refetches on
 * every sync when nothing was uploaded, because the screens show it now and a change made by hand lands there.
 */
export function nearDays(now: Instant, zone: string): SchoolWeek {
  const today = localDateOf(now, zone);
  let next = addDays(today, 1);
  while (weekdayOf(next) >= 6) next = addDays(next, 1);
  return { monday: today, sunday: next, start: instantAt(today, '00:00', zone), end: instantAt(addDays(next, 1), '00:00', zone), label: 'today and the next school day', week: null };
}
