import type { Period } from '@shared/domain';
import { minutesOf, timeOfMinutes } from '@shared/timetable/zonedTime';

const LESSON_MINUTES = 50;
const FIRST_START = '08:30';
/** Breaks after these periods, in minutes: a short break, lunch, and an afternoon break. */
const BREAK_AFTER: Readonly<Record<number, number>> = { 2: 15, 4: 30, 6: 15 };
export const PERIOD_COUNT = 8;

/** The demo bell schedule: eight 50-minute lesson hours from 08:30, ending at 16:10. */
export function demoPeriods(): Period[] {
  const periods: Period[] = [];
  let start = minutesOf(FIRST_START);
  for (let n = 1; n <= PERIOD_COUNT; n++) {
    const end = start + LESSON_MINUTES;
    periods.push({ number: n, name: String(n), start: timeOfMinutes(start), end: timeOfMinutes(end) });
    start = end + (BREAK_AFTER[n] ?? 0);
  }
  return periods;
}
