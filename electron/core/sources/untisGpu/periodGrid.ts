import type { Period } from '@shared/domain';
import type { LocalTime } from '@shared/domain/time';
import { minutesOf, timeOfMinutes } from '@shared/timetable/zonedTime';
import { SourceError } from '../source';
import { linesOf } from './delimited';

/*
 * GPU files carry lesson hours (Stunde 1, 2 ...), not clock times. Untis exports its time grid only with the
 * Info-Stundenplan database export, as `time.txt`: weekday, periods that day, period, begin HHMM, end HHMM, one
 * line per period ("1 8 4 1045 1130"). When the export folder holds one, its times are used, per weekday (Untis
 * has daily time grids). Without it, a common Dutch grid is assumed: 50-minute lessons from 08:30, a 15-minute
 * break after the 2nd and 6th hour and lunch (30 minutes) after the 4th, ten hours; the same grid as the demo
 * school's for its first eight. Schools with another bell schedule add time.txt to the export folder (or, once
 * the settings carry one, configure it).
 */

export interface PeriodGrid {
  /** The bell schedule a kiosk shows (Monday's, when days differ). */
  periods: Period[];
  /** Clock times of a period on a weekday (1 = Monday), or null when the grid has no such period. */
  timesOf(weekday: number, period: number): { start: LocalTime; end: LocalTime } | null;
  source: 'time.txt' | 'settings' | 'default';
}

const LESSON_MINUTES = 50;
const FIRST_START = '08:30';
const BREAK_AFTER: Readonly<Record<number, number>> = { 2: 15, 4: 30, 6: 15 };
const DEFAULT_PERIODS = 10;

export function defaultDutchPeriods(): Period[] {
  const periods: Period[] = [];
  let start = minutesOf(FIRST_START);
  for (let n = 1; n <= DEFAULT_PERIODS; n++) {
    periods.push({ number: n, name: String(n), start: timeOfMinutes(start), end: timeOfMinutes(start + LESSON_MINUTES) });
    start += LESSON_MINUTES + (BREAK_AFTER[n] ?? 0);
  }
  return periods;
}

function gridOf(byDay: Map<number, Map<number, Period>>, source: PeriodGrid['source']): PeriodGrid {
  const firstDay = [...byDay.keys()].sort((a, b) => a - b)[0];
  const shown = firstDay === undefined ? [] : [...byDay.get(firstDay)!.values()].sort((a, b) => a.number - b.number);
  return {
    periods: shown,
    source,
    timesOf(weekday, period) {
      const p = (byDay.get(weekday) ?? byDay.get(firstDay ?? 1))?.get(period);
      return p ? { start: p.start, end: p.end } : null;
    },
  };
}

/** One bell schedule for every day of the week. */
export function gridFromPeriods(periods: readonly Period[], source: PeriodGrid['source']): PeriodGrid {
  const day = new Map(periods.map((p) => [p.number, p]));
  return gridOf(new Map([1, 2, 3, 4, 5, 6, 7].map((d) => [d, day])), source);
}

export function defaultGrid(): PeriodGrid {
  return gridFromPeriods(defaultDutchPeriods(), 'default');
}

function clock(text: string): LocalTime | null {
  const m = /^(\d{1,2}):?(\d{2})$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? timeOfMinutes(h * 60 + min) : null;
}

/** The grid from an Untis `time.txt`; a line that is not weekday, count, period, begin, end refuses the file. */
export function gridFromTimeTxt(fileName: string, text: string): PeriodGrid {
  const byDay = new Map<number, Map<number, Period>>();
  for (const { line, text: content } of linesOf(text)) {
    const f = content.replace(/"/g, '').trim().split(/[\s;,]+/);
    const [day, , period, begin, end] = [Number(f[0]), Number(f[1]), Number(f[2]), clock(f[3] ?? ''), clock(f[4] ?? '')];
    const ok = f.length >= 5 && Number.isInteger(day) && day >= 1 && day <= 7 && Number.isInteger(period) && period >= 0 && period <= 20
      && begin !== null && end !== null && minutesOf(end) > minutesOf(begin);
    if (!ok) throw new SourceError('UPSTREAM_INVALID', `${fileName}, line ${line}: expected weekday, periods, period, begin and end (e.g. "1 8 4 1045 1130").`);
    let periods = byDay.get(day);
    if (!periods) byDay.set(day, (periods = new Map()));
    periods.set(period, { number: period, name: String(period), start: begin, end });
  }
  if (byDay.size === 0) throw new SourceError('UPSTREAM_INVALID', `${fileName} holds no periods.`);
  return gridOf(byDay, 'time.txt');
}
