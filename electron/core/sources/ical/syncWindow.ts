import type { LocalDate } from '@shared/domain/time';
import { addDays, instantAt, localDateOf, mondayOf } from '@shared/timetable/zonedTime';

export interface SyncWindow {
  /** Monday of the current week in the school's zone. */
  from: LocalDate;
  /** The Sunday `weeks` weeks on (inclusive). */
  to: LocalDate;
  fromMs: number;
  /** The first instant after the window (midnight after `to`). */
  toMs: number;
}

/**
 * The days a sync covers: `weeks` school weeks counted from the current one (settings: "how many school weeks
 * from the current one"), Monday to Sunday in the school's zone. Lessons on these days are replaced as a whole.
 */
export function syncWindow(now: number, zone: string, weeks: number): SyncWindow {
  const from = mondayOf(localDateOf(now, zone));
  const to = addDays(from, Math.max(1, weeks) * 7 - 1);
  return { from, to, fromMs: instantAt(from, 0, zone), toMs: instantAt(addDays(to, 1), 0, zone) };
}
