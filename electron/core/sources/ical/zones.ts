import ICAL from 'ical.js';
import { instantAt, zonedParts } from '@shared/timetable/zonedTime';
import { aliasOfTzid } from './tzidAliases';

/*
 * Which clock a DTSTART (or EXDATE, RDATE, RECURRENCE-ID, UNTIL) is read on.
 *
 * `native`: ical.js knows the zone itself: UTC (`Z`) or a VTIMEZONE in the same file, as RFC 5545 asks. Its own
 * conversion is used.
 * `iana` / `fixed`: ical.js sees a floating time (a TZID without a VTIMEZONE, a non-IANA TZID, or no TZID at all:
 * floating times are read in the school's zone). We convert with Intl, which knows every IANA zone's history.
 */
export type WallZone = { kind: 'iana'; name: string } | { kind: 'fixed'; offsetMs: number };
export type ValueZone = { kind: 'native' } | WallZone;

const NATIVE: ValueZone = { kind: 'native' };

const knownZones = new Map<string, boolean>();

/** Is this an IANA zone this runtime knows? */
export function isIanaZone(name: string): boolean {
  let known = knownZones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size > 1000) knownZones.clear();
    knownZones.set(name, known);
  }
  return known;
}

/** Per sync: the school's zone, and the TZIDs nobody could place (read as school time, reported by "test"). */
export class ZoneResolver {
  readonly unknownTzids = new Set<string>();
  private readonly byTzid = new Map<string, WallZone>();
  readonly school: WallZone;

  constructor(schoolZone: string) {
    this.school = { kind: 'iana', name: schoolZone };
  }

  /** The clock a TZID names, when ical.js found no VTIMEZONE for it. */
  tzid(tzid: string): WallZone {
    let zone = this.byTzid.get(tzid);
    if (!zone) {
      const trimmed = tzid.trim();
      if (isIanaZone(trimmed)) zone = { kind: 'iana', name: trimmed };
      else zone = aliasOfTzid(trimmed, isIanaZone) ?? undefined;
      if (!zone) {
        this.unknownTzids.add(tzid.slice(0, 60));
        zone = this.school;
      }
      this.byTzid.set(tzid, zone);
    }
    return zone;
  }

  /** The clock one parsed value is read on; `tzid` is the TZID parameter of its property, if any. */
  of(time: ICAL.Time, tzid: string | null): ValueZone {
    const zoneId = time.zone?.tzid;
    if (zoneId !== undefined && zoneId !== 'floating') return NATIVE;
    return tzid ? this.tzid(tzid) : this.school;
  }
}

function plausible(t: ICAL.Time): boolean {
  return Number.isInteger(t.year) && t.year >= 1900 && t.year <= 2200
    && Number.isInteger(t.month) && t.month >= 1 && t.month <= 12
    && Number.isInteger(t.day) && t.day >= 1 && t.day <= 31
    && Number.isInteger(t.hour) && t.hour >= 0 && t.hour <= 23
    && Number.isInteger(t.minute) && t.minute >= 0 && t.minute <= 59
    && Number.isInteger(t.second) && t.second >= 0 && t.second <= 60;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar date of a value as written (for all-day events): `YYYY-MM-DD`, or null when it is no date. */
export function dateOf(t: ICAL.Time): string | null {
  if (!plausible(t)) return null;
  const check = new Date(Date.UTC(t.year, t.month - 1, t.day));
  if (check.getUTCDate() !== t.day) return null;
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
}

/** The instant a value stands for on its clock; NaN when the value is not a real time (ical.js keeps "2024--T::"). */
export function instantOf(t: ICAL.Time, zone: ValueZone): number {
  const date = dateOf(t);
  if (date === null) return Number.NaN;
  if (zone.kind === 'native') {
    const ms = t.toUnixTime() * 1000;
    return Number.isFinite(ms) ? ms : Number.NaN;
  }
  const hour = t.isDate ? 0 : t.hour;
  const minute = t.isDate ? 0 : t.minute;
  const second = t.isDate ? 0 : Math.min(t.second, 59);
  if (zone.kind === 'fixed') return Date.UTC(t.year, t.month - 1, t.day, hour, minute, second) - zone.offsetMs;
  return instantAt(date, hour * 60 + minute, zone.name) + second * 1000;
}

/** The wall-clock reading of an instant on a clock, as a floating ical.js time (for comparing with floating starts). */
export function floatingAt(ms: number, zone: WallZone): ICAL.Time {
  let p: { year: number; month: number; day: number; hour: number; minute: number; second: number };
  if (zone.kind === 'iana') {
    p = zonedParts(ms, zone.name);
  } else {
    const d = new Date(ms + zone.offsetMs);
    p = {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
    };
  }
  return new ICAL.Time({ ...p, isDate: false }, ICAL.Timezone.localTimezone);
}

/** An instant as an ical.js UTC time (for comparing with starts ical.js converts itself). */
export function utcAt(ms: number): ICAL.Time {
  return ICAL.Time.fromJSDate(new Date(ms), true);
}
