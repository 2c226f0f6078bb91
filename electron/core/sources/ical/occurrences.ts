import ICAL from 'ical.js';
import type { LocalDate } from '@shared/domain/time';
import { addDays, daysBetween } from '@shared/timetable/zonedTime';
import { factsOf, param, sequenceOf, uidOf, type EventFacts } from './eventFacts';
import { RecurrenceTooCostly, withRecurrenceBudget } from './recurrenceBudget';
import { dateOf, floatingAt, instantOf, utcAt, type ValueZone, type ZoneResolver } from './zones';

/** One timed occurrence of an event in the sync window. */
export interface TimedOccurrence {
  uid: string;
  /** Where the occurrence was planned (its RECURRENCE-ID when an override moved it): the lesson's identity. */
  originalStart: number;
  start: number;
  end: number;
  facts: EventFacts;
  /** The recurring event's own facts when an override (same UID, RECURRENCE-ID) changed this occurrence. */
  base: EventFacts | null;
}

/** One all-day occurrence (DTSTART;VALUE=DATE): days, inclusive. */
export interface AllDayOccurrence {
  uid: string;
  from: LocalDate;
  to: LocalDate;
  facts: EventFacts;
}

export interface ExpandRange {
  /** Timed occurrences starting in [from, to). */
  from: number;
  to: number;
  /** All-day occurrences overlapping these days (wider: holidays matter beyond the lesson window). */
  fromDate: LocalDate;
  toDate: LocalDate;
}

export interface Expanded {
  timed: TimedOccurrence[];
  allDay: AllDayOccurrence[];
  events: number;
  /** Events left out: times that are no times, rules ical.js cannot expand, or rules too costly to expand. */
  unreadable: number;
}

/** Enough for a daily event that started twenty years ago; a rule needing more is refused, not expanded. */
const MAX_STEPS_PER_EVENT = 10_000;
const CANDIDATE_CHECKS_PER_EVENT = 20_000;

/** Candidates may be searched up to two days past the last day of interest (wall clocks run up to 14 h off UTC). */
const budgetUntil = (lastDay: LocalDate) => ({ steps: CANDIDATE_CHECKS_PER_EVENT, horizonDay: Number(addDays(lastDay, 2).replace(/-/g, '')) });

/**
 * A lesson timetable never repeats every second or minute; such a rule (expanding to tens of thousands of
 * occurrences a week) is left out instead of expanded.
 */
function tooFine(event: ICAL.Component): boolean {
  return event.getAllProperties('rrule').some((p) => {
    const rule = p.getFirstValue();
    return rule instanceof ICAL.Recur && (rule.freq === 'SECONDLY' || rule.freq === 'MINUTELY');
  });
}

type Start =
  | { allDay: false; time: ICAL.Time; zone: ValueZone; ms: number; durationMs: number }
  | { allDay: true; time: ICAL.Time; date: LocalDate; days: number };

function timeValue(prop: ICAL.Property | null): ICAL.Time | null {
  const value = prop?.getFirstValue();
  return value instanceof ICAL.Time ? value : null;
}

function durationSeconds(event: ICAL.Component): number | null {
  const value = event.getFirstPropertyValue('duration');
  return value instanceof ICAL.Duration ? value.toSeconds() : null;
}

/** DTSTART and the length of each occurrence (DTEND, else DURATION, else RFC 5545's defaults). */
function startOf(event: ICAL.Component, zones: ZoneResolver): Start | null {
  const dtstart = event.getFirstProperty('dtstart');
  const time = timeValue(dtstart);
  if (!dtstart || !time) return null;
  const dtend = event.getFirstProperty('dtend');
  const end = timeValue(dtend);

  if (time.isDate) {
    const date = dateOf(time);
    if (date === null) return null;
    let days = 1;
    const endDate = end ? dateOf(end) : null;
    const seconds = durationSeconds(event);
    if (endDate !== null) days = daysBetween(date, endDate); // DTEND of an all-day event is exclusive
    else if (seconds !== null) days = Math.ceil(seconds / 86_400);
    if (!(days >= 1)) days = 1;
    return { allDay: true, time, date, days: Math.min(days, 366) };
  }

  const zone = zones.of(time, param(dtstart, 'tzid'));
  const ms = instantOf(time, zone);
  if (!Number.isFinite(ms)) return null;
  let durationMs = 0; // a DATE-TIME start without DTEND or DURATION lasts no time at all (RFC 5545 §3.6.1)
  if (end && dtend) durationMs = instantOf(end, zones.of(end, param(dtend, 'tzid'))) - ms;
  else {
    const seconds = durationSeconds(event);
    if (seconds !== null) durationMs = seconds * 1000;
  }
  if (!Number.isFinite(durationMs)) return null;
  return { allDay: false, time, zone, ms, durationMs };
}

/** The identity of an occurrence: its planned start (timed) or day (all-day). */
const timedKey = (ms: number) => `t:${ms}`;
const dateKey = (date: LocalDate) => `d:${date}`;

function recurrenceKey(event: ICAL.Component, zones: ZoneResolver): string | null {
  const prop = event.getFirstProperty('recurrence-id');
  const time = timeValue(prop);
  if (!prop || !time) return null;
  if (time.isDate) {
    const date = dateOf(time);
    return date === null ? null : dateKey(date);
  }
  const ms = instantOf(time, zones.of(time, param(prop, 'tzid')));
  return Number.isFinite(ms) ? timedKey(ms) : null;
}

/**
 * A stand-in VEVENT holding only the recurrence properties, their values moved onto DTSTART's clock. ical.js
 * compares EXDATEs, RDATEs and UNTIL with the occurrences as times; when it reads DTSTART as floating (a TZID
 * without VTIMEZONE) an UNTIL in UTC would be compared an hour or two off and drop the last lesson. The parsed
 * event itself is left as it was, so reading it again gives the same result.
 */
function recurrenceShadow(event: ICAL.Component, start: Start & { allDay: false }, zones: ZoneResolver): ICAL.Component {
  const onStartClock = (ms: number): ICAL.Time => (start.zone.kind === 'native' ? utcAt(ms) : floatingAt(ms, start.zone));
  const shadow = new ICAL.Component('vevent');
  for (const prop of event.getAllProperties('rrule')) {
    const rule = prop.getFirstValue();
    if (!(rule instanceof ICAL.Recur)) continue;
    const copy = rule.clone();
    const until = rule.until;
    if (until && !until.isDate) {
      if (until.zone?.tzid === 'UTC') {
        const ms = instantOf(until, { kind: 'native' });
        copy.until = Number.isFinite(ms) ? onStartClock(ms) : null;
      } else {
        // A floating UNTIL (not allowed with a TZID start, but written) means the start's own wall clock.
        const local = until.clone();
        if (start.zone.kind === 'native') local.zone = start.time.zone;
        copy.until = local;
      }
    }
    shadow.addPropertyWithValue('rrule', copy);
  }
  for (const name of ['exdate', 'rdate'] as const) {
    for (const prop of event.getAllProperties(name)) {
      const tzid = param(prop, 'tzid');
      for (const value of prop.getValues()) {
        const time = value instanceof ICAL.Period ? value.start : value;
        if (!(time instanceof ICAL.Time)) continue;
        if (time.isDate) {
          if (dateOf(time) !== null) shadow.addPropertyWithValue(name, time);
          continue;
        }
        const ms = instantOf(time, zones.of(time, tzid));
        if (Number.isFinite(ms)) shadow.addPropertyWithValue(name, onStartClock(ms));
      }
    }
  }
  return shadow;
}

const isRecurring = (event: ICAL.Component) => event.hasProperty('rrule') || event.hasProperty('rdate');

interface Emit {
  timed(originalStart: number, start: number, end: number): void;
  allDay(date: LocalDate, days: number): void;
}

function expandTimed(event: ICAL.Component, start: Start & { allDay: false }, zones: ZoneResolver, range: ExpandRange, emit: Emit): void {
  if (!isRecurring(event)) {
    if (start.ms >= range.from && start.ms < range.to) emit.timed(start.ms, start.ms, start.ms + start.durationMs);
    return;
  }
  if (tooFine(event)) throw new RecurrenceTooCostly();
  withRecurrenceBudget(budgetUntil(new Date(range.to).toISOString().slice(0, 10)), () => {
    const expansion = new ICAL.RecurExpansion({ component: recurrenceShadow(event, start, zones), dtstart: start.time });
    for (let step = 0; step < MAX_STEPS_PER_EVENT; step++) {
      const next = expansion.next();
      if (!next) return;
      const ms = instantOf(next, start.zone);
      if (!Number.isFinite(ms)) continue;
      if (ms >= range.to) return;
      if (ms >= range.from) emit.timed(ms, ms, ms + start.durationMs);
    }
    throw new RecurrenceTooCostly();
  });
}

function expandAllDay(event: ICAL.Component, start: Start & { allDay: true }, range: ExpandRange, emit: Emit): void {
  const overlaps = (date: LocalDate, days: number) => date <= range.toDate && addDays(date, days - 1) >= range.fromDate;
  if (!isRecurring(event)) {
    if (overlaps(start.date, start.days)) emit.allDay(start.date, start.days);
    return;
  }
  if (tooFine(event)) throw new RecurrenceTooCostly();
  withRecurrenceBudget(budgetUntil(range.toDate), () => {
    const expansion = new ICAL.RecurExpansion({ component: event, dtstart: start.time });
    for (let step = 0; step < MAX_STEPS_PER_EVENT; step++) {
      const next = expansion.next();
      if (!next) return;
      const date = dateOf(next);
      if (date === null) continue;
      if (date > range.toDate) return;
      if (overlaps(date, start.days)) emit.allDay(date, start.days);
    }
    throw new RecurrenceTooCostly();
  });
}

interface UidGroup {
  master: ICAL.Component | null;
  overrides: Map<string, ICAL.Component>;
}

/** Keeps the later version when an event occurs twice (a feed that appends revisions): higher SEQUENCE wins. */
function newer(a: ICAL.Component | null | undefined, b: ICAL.Component): ICAL.Component {
  return a && sequenceOf(a) > sequenceOf(b) ? a : b;
}

/**
 * Every occurrence of a calendar's events in the range: RRULE/RDATE/EXDATE expanded by ical.js, overrides
 * (same UID with a RECURRENCE-ID) put in place of the occurrence they replace, METHOD:CANCEL and STATUS:CANCELLED
 * carried as `cancelled`. An event that cannot be read is counted and left out; it never stops the others.
 */
export function expandCalendar(calendar: ICAL.Component, zones: ZoneResolver, range: ExpandRange): Expanded {
  const method = calendar.getFirstPropertyValue('method');
  const calendarCancelled = typeof method === 'string' && method.trim().toUpperCase() === 'CANCEL';
  const events = calendar.getAllSubcomponents('vevent');
  const out: Expanded = { timed: [], allDay: [], events: events.length, unreadable: 0 };

  const groups = new Map<string, UidGroup>();
  for (const event of events) {
    try {
      const uid = uidOf(event);
      let group = groups.get(uid);
      if (!group) groups.set(uid, (group = { master: null, overrides: new Map() }));
      if (event.hasProperty('recurrence-id')) {
        const key = recurrenceKey(event, zones);
        if (key === null) out.unreadable++;
        else group.overrides.set(key, newer(group.overrides.get(key), event));
      } else {
        group.master = newer(group.master, event);
      }
    } catch {
      out.unreadable++;
    }
  }

  for (const [uid, group] of groups) {
    const base = group.master ? factsOf(group.master, calendarCancelled) : null;
    if (group.master && base) {
      const master = group.master;
      const masterFacts = base;
      const emit: Emit = {
        timed(originalStart, start, end) {
          if (!group.overrides.has(timedKey(originalStart))) out.timed.push({ uid, originalStart, start, end, facts: masterFacts, base: null });
        },
        allDay(date, days) {
          if (!group.overrides.has(dateKey(date))) out.allDay.push({ uid, from: date, to: addDays(date, days - 1), facts: masterFacts });
        },
      };
      try {
        const start = startOf(master, zones);
        if (!start) out.unreadable++;
        else if (start.allDay) expandAllDay(master, start, range, emit);
        else expandTimed(master, start, zones, range, emit);
      } catch {
        // ical.js refused the rule ("Invalid BYYEARDAY rule"), or it was too costly: the event is left out.
        out.unreadable++;
      }
    }
    for (const [key, override] of group.overrides) {
      try {
        const start = startOf(override, zones);
        if (!start) {
          out.unreadable++;
          continue;
        }
        const facts = factsOf(override, calendarCancelled);
        if (start.allDay) {
          const to = addDays(start.date, start.days - 1);
          if (start.date <= range.toDate && to >= range.fromDate) out.allDay.push({ uid, from: start.date, to, facts });
        } else if (start.ms >= range.from && start.ms < range.to) {
          const originalStart = key.startsWith('t:') ? Number(key.slice(2)) : start.ms;
          out.timed.push({ uid, originalStart, start: start.ms, end: start.ms + start.durationMs, facts, base });
        }
      } catch {
        out.unreadable++;
      }
    }
  }
  return out;
}
