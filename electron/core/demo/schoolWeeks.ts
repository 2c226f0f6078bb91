import type { Holiday, Instant, LocalDate } from '@shared/domain';
import { addDays, localDateOf, mondayOf } from '@shared/timetable/zonedTime';
import { holidayChecker, holidaysCovering } from './holidays';

export interface SchoolCalendar {
  /** Monday of the week that holds `now`, even when that whole week is a holiday. */
  from: LocalDate;
  /** Friday of the last school week generated. */
  to: LocalDate;
  /** School days (Monday to Friday, not a holiday) in order, per school week. */
  weeks: LocalDate[][];
  /** Holidays of the school years the range touches, whole years, so that screens can say when school starts again. */
  holidays: Holiday[];
}

// A summer holiday is six weeks; this bounds the search however the holidays fall.
const MAX_EMPTY_WEEKS = 12;

/**
 * The current and following school weeks relative to `now`: weeks without a single school day (holiday weeks)
 * are passed over and not counted.
 */
export function schoolCalendar(now: Instant, zone: string, schoolWeeks: number): SchoolCalendar {
  const from = mondayOf(localDateOf(now, zone));
  // Enough school years for the weeks asked for plus the holiday weeks they pass (about 11 in 52).
  const horizon = addDays(from, Math.ceil(schoolWeeks * 1.3 + MAX_EMPTY_WEEKS + 2) * 7);
  const holidays = holidaysCovering(from, horizon);
  const isHoliday = holidayChecker(holidays);
  const weeks: LocalDate[][] = [];
  let monday = from;
  let counted = 0;
  let empty = 0;
  let to = addDays(from, 4);
  while (counted < schoolWeeks && empty <= MAX_EMPTY_WEEKS) {
    const week: LocalDate[] = [];
    for (let d = 0; d < 5; d++) {
      const date = addDays(monday, d);
      if (!isHoliday(date)) week.push(date);
    }
    if (week.length > 0) {
      weeks.push(week);
      counted++;
      empty = 0;
      to = addDays(monday, 4);
    } else {
      empty++;
    }
    monday = addDays(monday, 7);
  }
  return { from, to, weeks, holidays: holidaysCovering(from, to) };
}
