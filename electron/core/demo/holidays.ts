import type { Holiday, LocalDate } from '@shared/domain';
import { addDays, mondayOf, weekdayOf } from '@shared/timetable/zonedTime';

/*
 * Dutch school holidays from their rules, for region midden (the regions take turns for autumn, spring and
 * summer; the demo needs plausible dates, not a ministry's table). Holidays run Saturday to Sunday, as schools publish them.
 */

const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (year: number, month: number, day: number): LocalDate => `${year}-${pad(month)}-${pad(day)}`;

/** Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const hh = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - hh - k) % 7;
  const m = Math.floor((a + 11 * hh + 22 * l) / 451);
  const month = Math.floor((hh + l - 7 * m + 114) / 31);
  const day = ((hh + l - 7 * m + 114) % 31) + 1;
  return dateOf(year, month, day);
}

/** The first Saturday on or after the date. */
function saturdayFrom(date: LocalDate): LocalDate {
  return addDays(date, (6 - weekdayOf(date) + 7) % 7);
}

/** Monday of ISO week `week` of `year`. */
function isoWeekMonday(year: number, week: number): LocalDate {
  return addDays(mondayOf(dateOf(year, 1, 4)), (week - 1) * 7);
}

/** A holiday of whole school weeks: from the Saturday before the week's Monday to the Sunday `weeks` weeks on. */
function weeksOff(name: string, saturday: LocalDate, weeks: number): Holiday {
  return { name, from: saturday, to: addDays(saturday, weeks * 7 + 1) };
}

function day(name: string, date: LocalDate, days = 1): Holiday {
  return { name, from: date, to: addDays(date, days - 1) };
}

/** The summer holiday that starts in July of `year`: six weeks from the Saturday in 14..20 July. */
function summer(year: number): Holiday {
  return weeksOff('Zomervakantie', saturdayFrom(dateOf(year, 7, 14)), 6);
}

/** Koningsdag is 27 April, or Saturday 26 April when the 27th is a Sunday. */
function kingsDay(year: number): LocalDate {
  const date = dateOf(year, 4, 27);
  return weekdayOf(date) === 7 ? dateOf(year, 4, 26) : date;
}

/** Every day off of the school year that starts after the summer of `startYear`, in date order. */
export function schoolYearHolidays(startYear: number): Holiday[] {
  const next = startYear + 1;
  const easter = easterSunday(next);
  return [
    weeksOff('Herfstvakantie', addDays(isoWeekMonday(startYear, 43), -2), 1),
    weeksOff('Kerstvakantie', saturdayFrom(dateOf(startYear, 12, 19)), 2),
    weeksOff('Voorjaarsvakantie', addDays(isoWeekMonday(next, 8), -2), 1),
    day('Goede Vrijdag', addDays(easter, -2)),
    day('Tweede Paasdag', addDays(easter, 1)),
    day('Koningsdag', kingsDay(next)),
    weeksOff('Meivakantie', saturdayFrom(dateOf(next, 4, 21)), 1),
    day('Hemelvaart', addDays(easter, 39), 2),
    day('Tweede Pinksterdag', addDays(easter, 50)),
    summer(next),
  ].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** The school year a date belongs to, named by the calendar year it starts in (August). */
export function schoolYearOf(date: LocalDate): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 8 ? year : year - 1;
}

/** Holidays of every school year that the dates touch, including the summer that opened the first one. */
export function holidaysCovering(from: LocalDate, to: LocalDate): Holiday[] {
  const first = schoolYearOf(from);
  const holidays: Holiday[] = [summer(first)];
  for (let year = first; year <= schoolYearOf(to); year++) holidays.push(...schoolYearHolidays(year));
  return holidays;
}

/** Answers "is this date a day off" quickly for the many lookups made while stamping lessons. */
export function holidayChecker(holidays: readonly Holiday[]): (date: LocalDate) => boolean {
  return (date) => {
    for (const h of holidays) if (h.from <= date && date <= h.to) return true;
    return false;
  };
}
