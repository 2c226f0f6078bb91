import type { OperatingHours } from '../domain/display';
import type { Holiday } from '../domain/school';
import type { Instant } from '../domain/time';
import { instantAt, localDateOf, localTimeOf, weekdayOf } from '../timetable/zonedTime';

export interface OperatingState {
  on: boolean;
  /** The next instant the state flips, or null when it never does (always on). */
  changesAt: Instant | null;
}

const isHoliday = (date: string, holidays: readonly Holiday[]) => holidays.some((h) => h.from <= date && date <= h.to);

function onDuringDay(hours: OperatingHours, date: string, holidays: readonly Holiday[]): boolean {
  return hours.days.includes(weekdayOf(date)) && !(hours.offOnHolidays && isHoliday(date, holidays));
}

/**
 * Is a screen on at `at`, and when does that change? Shared by the page (black screen) and Electron main (the
 * display may sleep), so both agree to the second. Days and times are the school's zone, so the switch-on time
 * stays 07:30 on both daylight-saving days.
 */
export function operatingState(hours: OperatingHours | null, at: Instant, zone: string, holidays: readonly Holiday[] = []): OperatingState {
  if (!hours) return { on: true, changesAt: null };
  const today = localDateOf(at, zone);
  const time = localTimeOf(at, zone);
  const todayOn = onDuringDay(hours, today, holidays);
  if (todayOn && time >= hours.from && time < hours.to) return { on: true, changesAt: instantAt(today, hours.to, zone) };
  // Off: find the next switch-on within two months (covers the summer holiday).
  for (let d = 0; d <= 62; d++) {
    const date = localDateOf(instantAt(today, '12:00', zone) + d * 86_400_000, zone);
    if (!onDuringDay(hours, date, holidays)) continue;
    const start = instantAt(date, hours.from, zone);
    if (start > at) return { on: false, changesAt: start };
  }
  return { on: false, changesAt: null };
}
