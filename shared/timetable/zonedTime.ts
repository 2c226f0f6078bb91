import type { Instant, LocalDate, LocalTime } from '../domain/time';

/*
 * Calendar arithmetic in the school's zone, on Intl alone so that main, core and renderer share it.
 * Daylight saving: offsets are looked up per instant, never assumed, so both switch days come out right.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface ZonedParts { year: number; month: number; day: number; hour: number; minute: number; second: number }

export function zonedParts(instant: Instant, zone: string): ZonedParts {
  const out: ZonedParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(zone).formatToParts(instant)) {
    if (part.type in out) out[part.type as keyof ZonedParts] = Number(part.value);
  }
  return out;
}

/** The zone's offset from UTC at that instant, in ms (Amsterdam: 3_600_000 in winter, 7_200_000 in summer). */
export function zoneOffset(instant: Instant, zone: string): number {
  const p = zonedParts(instant, zone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function localDateOf(instant: Instant, zone: string): LocalDate {
  const p = zonedParts(instant, zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

export function localTimeOf(instant: Instant, zone: string): LocalTime {
  const p = zonedParts(instant, zone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

export function minutesOf(time: LocalTime): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function timeOfMinutes(minutes: number): LocalTime {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function splitDate(date: LocalDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

// Offsets at local noon, per zone and date: every lesson of a day shares it (switches happen at night).
const noonOffsets = new Map<string, number>();

/**
 * The instant a wall-clock time occurs on a date in the zone. A time skipped by the spring switch maps to
 * the same wall time after the switch; a time repeated in autumn maps to its first occurrence.
 */
export function instantAt(date: LocalDate, time: LocalTime | number, zone: string): Instant {
  const [y, m, d] = splitDate(date);
  const minutes = typeof time === 'number' ? time : minutesOf(time);
  const wall = Date.UTC(y, m - 1, d) + minutes * 60_000;
  if (minutes >= 5 * 60) {
    const key = `${zone} ${date}`;
    let offset = noonOffsets.get(key);
    if (offset === undefined) {
      offset = zoneOffset(Date.UTC(y, m - 1, d, 12) - 2 * 3_600_000, zone);
      if (noonOffsets.size > 5000) noonOffsets.clear();
      noonOffsets.set(key, offset);
    }
    return wall - offset;
  }
  // Near a switch: try the offsets from well before and well after; keep those that agree with themselves.
  const before = zoneOffset(wall - 86_400_000, zone);
  const after = zoneOffset(wall + 86_400_000, zone);
  const valid = [wall - before, wall - after].filter((t) => zoneOffset(t, zone) === wall - t);
  if (valid.length === 0) return wall - before; // skipped wall time: the same reading after the switch
  return Math.min(...valid); // repeated wall time: its first occurrence
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = splitDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** ISO weekday: 1 Monday .. 7 Sunday. */
export function weekdayOf(date: LocalDate): number {
  const [y, m, d] = splitDate(date);
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - weekdayOf(date));
}

/** Whole days from `a` to `b` (b - a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const [ya, ma, da] = splitDate(a);
  const [yb, mb, db] = splitDate(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

/** ISO 8601 week number and its year, as Zermelo's `YYYYWW` and Dutch planners use it. */
export function isoWeek(date: LocalDate): { year: number; week: number } {
  const thursday = addDays(date, 4 - weekdayOf(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${pad(year, 4)}-01-01`, thursday) / 7) + 1;
  return { year, week };
}
