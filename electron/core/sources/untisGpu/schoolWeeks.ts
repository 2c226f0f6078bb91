import type { LocalDate } from '@shared/domain/time';
import { addDays, localDateOf, mondayOf, weekdayOf } from '@shared/timetable/zonedTime';

export interface GpuWindow {
  from: LocalDate;
  to: LocalDate;
}

/**
 * The days the weekly Untis timetable is laid onto: `weeks` weeks from the current one, Monday to Sunday. An
 * export that applies from a later date (`validFrom`, say the Monday after the autumn holiday) starts there, so
 * the lessons before it, from the timetable in force until then, stay in the cache. A `validFrom` in the past
 * changes nothing: the current week still comes first.
 */
export function gpuWindow(now: number, zone: string, weeks: number, validFrom?: LocalDate): GpuWindow {
  const thisMonday = mondayOf(localDateOf(now, zone));
  const from = validFrom !== undefined && validFrom > thisMonday ? validFrom : thisMonday;
  return { from, to: addDays(mondayOf(from), Math.max(1, weeks) * 7 - 1) };
}

/** Every date of the window with its ISO weekday. */
export function datesOf(window: GpuWindow): { date: LocalDate; weekday: number }[] {
  const out: { date: LocalDate; weekday: number }[] = [];
  for (let date = window.from; date <= window.to; date = addDays(date, 1)) out.push({ date, weekday: weekdayOf(date) });
  return out;
}
