import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Group, Holiday, Lesson, Room, Subject } from '@shared/domain';
import { IcalSourceConfig } from '@shared/settings';
import { instantAt } from '@shared/timetable/zonedTime';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import { checkSnapshot } from '../source';
import { createIcalSource, type IcalParsed } from './icalSource';
import { expectUpstreamError, failuresThroughSyncOnce, sourceContext } from '../testing/connectorChecks';
import { ownFixture, readText } from './testing/feedServer';

/*
 * Whatever text a feed sends, the connector ends in a snapshot fit for the domain or in a typed SourceError that
 * names an upstream problem: never a crash, never a hang, never a partial write. The texts are built from the
 * grammar's parts (so they reach deep into ical.js and the expansion) and then bent: truncated, folded at random,
 * sprinkled with garbage lines, CRLF/LF mixed, BOM.
 */

const ZONE = 'Europe/Amsterdam';
const NOW = instantAt('2024-03-26', '08:00', ZONE);
const tempDir = useTempDirs();

const config = IcalSourceConfig.parse({
  type: 'ical', weeks: 2,
  feeds: [{ name: 'Fuzz', url: 'http://127.0.0.1/f.ics', teacher: { from: 'description', pattern: 'Docent: (\\w+)' }, group: { from: 'categories' } }],
});
const source = createIcalSource(config);

const digits = (n: number, width: number) => String(n).padStart(width, '0');
const dateArb = fc.tuple(fc.integer({ min: 2023, max: 2025 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => `${y}${digits(m, 2)}${digits(d, 2)}`);
const nearDateArb = fc.integer({ min: -10, max: 20 }).map((d) => new Date(Date.UTC(2024, 2, 25 + d)).toISOString().slice(0, 10).replace(/-/g, ''));
const timeArb = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 20, 30, 45), fc.constantFrom(0, 0, 30))
  .map(([h, m, s]) => `T${digits(h, 2)}${digits(m, 2)}${digits(s, 2)}`);
const garbage = fc.string({ unit: 'binary', maxLength: 30 });
const textArb = fc.oneof(
  fc.constantFrom('wi', 'ne', 'B2.10', 'B2.10\\, B2.11', 'Docent: JNS', 'Vervallen: en', 'Tweede Paasdag', 'Toetsweek', 'x\\;y\\\\z\\nq', ''),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);
const tzidArb = fc.constantFrom('Europe/Amsterdam', 'W. Europe Standard Time', '"+02:00"', 'Foo/Bar', '"(UTC+01:00) Amsterdam, Berlin"', 'America/New_York', 'UTC', '/mozilla.org/x/Europe/Paris', '');

const dateTimeArb = fc.oneof(
  { arbitrary: fc.tuple(nearDateArb, timeArb).map(([d, t]) => `:${d}${t}Z`), weight: 4 },
  { arbitrary: fc.tuple(tzidArb, nearDateArb, timeArb).map(([z, d, t]) => `;TZID=${z}:${d}${t}`), weight: 4 },
  { arbitrary: fc.tuple(nearDateArb, timeArb).map(([d, t]) => `:${d}${t}`), weight: 2 },
  { arbitrary: nearDateArb.map((d) => `;VALUE=DATE:${d}`), weight: 2 },
  { arbitrary: fc.tuple(dateArb, timeArb).map(([d, t]) => `:${d}${t}Z`), weight: 1 },
  { arbitrary: garbage.map((g) => `:${g}`), weight: 1 },
  { arbitrary: fc.constantFrom(':2024', ':20241340T256199Z', ';VALUE=DATE:20240230', ';TZID=:20240325T083000', ':20240325T083000ZZ'), weight: 1 },
);

const rruleArb = fc.record({
  freq: fc.constantFrom('SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'DAILY', 'WEEKLY', 'WEEKLY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'FORTNIGHTLY'),
  parts: fc.array(fc.oneof(
    fc.integer({ min: 0, max: 5 }).map((n) => `INTERVAL=${n}`),
    fc.integer({ min: 0, max: 60 }).map((n) => `COUNT=${n}`),
    fc.tuple(nearDateArb, fc.boolean(), timeArb).map(([d, withTime, t]) => `UNTIL=${d}${withTime ? `${t}Z` : ''}`),
    fc.array(fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU', '1MO', '-1FR', '5TU', 'XX'), { minLength: 1, maxLength: 4 }).map((d) => `BYDAY=${d.join(',')}`),
    fc.array(fc.integer({ min: 0, max: 13 }), { minLength: 1, maxLength: 3 }).map((m) => `BYMONTH=${m.join(',')}`),
    fc.array(fc.integer({ min: -32, max: 32 }), { minLength: 1, maxLength: 3 }).map((m) => `BYMONTHDAY=${m.join(',')}`),
    fc.integer({ min: -367, max: 367 }).map((n) => `BYYEARDAY=${n}`),
    fc.integer({ min: -54, max: 54 }).map((n) => `BYWEEKNO=${n}`),
    fc.integer({ min: -400, max: 400 }).map((n) => `BYSETPOS=${n}`),
    fc.integer({ min: 0, max: 25 }).map((n) => `BYHOUR=${n}`),
    fc.constantFrom('WKST=SU', 'WKST=MO', 'WKST=ZZ', 'BYMINUTE=61', 'X-FOO=1', '=', ''),
  ), { maxLength: 4 }),
}).map(({ freq, parts }) => `RRULE:${[`FREQ=${freq}`, ...parts].join(';')}`);

const lineArb = fc.oneof(
  { arbitrary: dateTimeArb.map((v) => `DTEND${v}`), weight: 4 },
  { arbitrary: fc.constantFrom('DURATION:PT50M', 'DURATION:P1D', 'DURATION:PT0S', 'DURATION:-PT1H', 'DURATION:P1W', 'DURATION:nonsense'), weight: 2 },
  { arbitrary: rruleArb, weight: 3 },
  { arbitrary: fc.array(dateTimeArb, { minLength: 1, maxLength: 3 }).map((vs) => `EXDATE${vs[0]}${vs.slice(1).map((v) => `,${v.replace(/^.*:/, '')}`).join('')}`), weight: 2 },
  { arbitrary: dateTimeArb.map((v) => `RDATE${v}`), weight: 1 },
  { arbitrary: fc.tuple(nearDateArb, timeArb).map(([d, t]) => `RDATE;VALUE=PERIOD:${d}${t}Z/${d}T235900Z`), weight: 1 },
  { arbitrary: dateTimeArb.map((v) => `RECURRENCE-ID${v}`), weight: 2 },
  { arbitrary: fc.constantFrom('STATUS:CANCELLED', 'STATUS:CONFIRMED', 'STATUS:TENTATIVE', 'SEQUENCE:3', 'SEQUENCE:-1', 'SEQUENCE:x', 'TRANSP:TRANSPARENT'), weight: 2 },
  { arbitrary: textArb.map((t) => `SUMMARY:${t}`), weight: 3 },
  { arbitrary: textArb.map((t) => `LOCATION:${t}`), weight: 3 },
  { arbitrary: textArb.map((t) => `DESCRIPTION:Docent: ${t}`), weight: 2 },
  { arbitrary: fc.array(textArb, { maxLength: 3 }).map((c) => `CATEGORIES:${c.join(',')}`), weight: 1 },
  { arbitrary: fc.oneof({ arbitrary: garbage, weight: 1 }, { arbitrary: fc.string({ maxLength: 20 }).map((s) => `X-${s.replace(/[^A-Z]/gi, '') || 'Y'}:${s}`), weight: 3 }), weight: 1 },
);

/** Mostly events with a start, an end and a place, as feeds send them; then whatever else. */
const maybe = <T>(arb: fc.Arbitrary<T>, nilOneIn: number) => fc.option(arb, { nil: undefined, freq: nilOneIn });
const eventArb = fc.record({
  uid: maybe(fc.constantFrom('a', 'b', 'c', 'd@x', ''), 6),
  start: maybe(dateTimeArb, 10),
  end: maybe(fc.oneof(
    { arbitrary: fc.constantFrom('DURATION:PT50M', 'DURATION:PT1H30M', 'DURATION:P1D'), weight: 4 },
    { arbitrary: fc.tuple(nearDateArb, timeArb).map(([d, t]) => `DTEND:${d}${t}Z`), weight: 1 },
    { arbitrary: dateTimeArb.map((v) => `DTEND${v}`), weight: 1 },
  ), 5),
  location: maybe(fc.oneof({ arbitrary: fc.constantFrom('B2.10', 'GYM1', 'A0.01, A0.02'), weight: 3 }, { arbitrary: textArb, weight: 1 }).map((t) => `LOCATION:${t}`), 5),
  lines: fc.array(lineArb, { maxLength: 6 }),
}).map(({ uid, start, end, location, lines }) => [
  'BEGIN:VEVENT',
  ...(uid === undefined ? [] : [`UID:${uid}`]),
  ...(start === undefined ? [] : [`DTSTART${start}`]),
  ...(end === undefined ? [] : [end]),
  ...(location === undefined ? [] : [location]),
  ...lines,
  'END:VEVENT',
]);

const VTIMEZONE = ['BEGIN:VTIMEZONE', 'TZID:Europe/Amsterdam', 'BEGIN:STANDARD', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD', 'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT', 'END:VTIMEZONE'];

/** Folds a line the RFC way (CRLF/LF + space) at a random place; ical.js must put it back together. */
const fold = (line: string, at: number, eol: string) => (line.length > 2 ? `${line.slice(0, 1 + (at % (line.length - 1)))}${eol} ${line.slice(1 + (at % (line.length - 1)))}` : line);

const calendarArb = fc.record({
  bom: fc.boolean(),
  eol: fc.constantFrom('\r\n', '\n'),
  header: fc.array(fc.constantFrom('VERSION:2.0', 'METHOD:CANCEL', 'METHOD:PUBLISH', 'X-WR-TIMEZONE:Europe/Amsterdam', 'CALSCALE:GREGORIAN'), { maxLength: 3 }),
  vtimezone: fc.constantFrom('none', 'none', 'good', 'good', 'broken'),
  events: fc.array(eventArb, { maxLength: 8 }),
  folds: fc.array(fc.nat(), { maxLength: 6 }),
  // One in five is cut short, as a dropped connection would leave it.
  cut: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.nat(), weight: 1 }),
  tail: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
}).map(({ bom, eol, header, vtimezone, events, folds, cut, tail }) => {
  const tz = vtimezone === 'good' ? VTIMEZONE : vtimezone === 'broken' ? VTIMEZONE.slice(0, 6) : [];
  const lines = ['BEGIN:VCALENDAR', ...header, ...tz, ...events.flat(), ...(tail ? ['END:VCALENDAR'] : [])];
  for (const f of folds) {
    const i = f % lines.length;
    lines[i] = fold(lines[i]!, f, eol);
  }
  const text = `${bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`;
  return cut === null ? text : text.slice(0, cut % (text.length + 1));
});

const anyText = fc.oneof(
  { arbitrary: calendarArb, weight: 12 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 1 },
  { arbitrary: fc.string({ maxLength: 300 }).map((s) => `BEGIN:VCALENDAR\n${s}\nEND:VCALENDAR`), weight: 1 },
);

const raw = (text: string) => ({ feeds: [{ name: 'Fuzz', text, bytes: text.length, etag: null, lastModified: null }], cursor: '' });

/** What a failure may be: an upstream problem in a SourceError; INTERNAL would be a bug of ours. */
describe('iCalendar parser properties (fast-check)', () => {
  it('any text: a snapshot the domain accepts, or a typed upstream error (10,000 inputs)', () => {
    const ctx = sourceContext(NOW);
    let snapshots = 0;
    let withLessons = 0;
    fc.assert(fc.property(anyText, (text) => {
      let parsed: IcalParsed;
      try {
        parsed = source.validate(raw(text), ctx);
      } catch (error) {
        expectUpstreamError(error);
        return;
      }
      let payload;
      try {
        payload = source.normalise(parsed, ctx);
      } catch (error) {
        expectUpstreamError(error);
        return;
      }
      if (payload.kind !== 'snapshot') throw new Error('the iCalendar source always sends snapshots');
      snapshots++;
      if (payload.rooms.length > 0 && payload.lessons.length > 0) withLessons++;
      for (const lesson of payload.lessons) {
        Lesson.parse(lesson);
        expect(lesson.day >= payload.window.from && lesson.day <= payload.window.to).toBe(true);
      }
      for (const r of payload.rooms) Room.parse(r);
      for (const g of payload.groups) Group.parse(g);
      for (const s of payload.subjects) Subject.parse(s);
      for (const h of payload.holidays) Holiday.parse(h);
      try {
        checkSnapshot(payload);
      } catch (error) {
        expectUpstreamError(error);
      }
    }), { numRuns: 10_000 });
    // The generator must reach the deep paths, not only the early refusals.
    expect(snapshots).toBeGreaterThan(3000);
    expect(withLessons).toBeGreaterThan(300);
  }, 60_000);

  it('through syncOnce into a cache holding good data: a failure leaves it exactly as it was', async () => {
    const good = raw(readText(ownFixture('school-hoofdgebouw.ics')));
    const failures = await failuresThroughSyncOnce({
      db: openTestCache(tempDir()),
      source,
      good,
      candidates: anyText.map(raw),
      numRuns: 150,
      now: NOW,
      zone: ZONE,
    });
    expect(failures).toBeGreaterThan(10);
  }, 60_000);
});
