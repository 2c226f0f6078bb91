import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Group, Holiday, Lesson, Period, Pupil, Room, School, Subject } from '@shared/domain';
import { WebUntisSourceConfig } from '@shared/settings';
import { instantAt } from '@shared/timetable/zonedTime';
import { openTestCache } from '../../testing/openTestCache';
import { sampleSnapshot } from '../../testing/sampleSchool';
import { useTempDirs } from '../../testing/tempDir';
import { checkSnapshot } from '../source';
import { SourceError } from '../source';
import type { SyncPayload } from '../source';
import { writeSnapshot } from '../../sync/writer';
import { parseRpcAnswer } from './rpc';
import { junk, parseOutcome, refusalsThroughSyncOnce, sometimesJunk, sourceContext } from '../testing/connectorChecks';
import { createWebUntisSource } from '.';

const tempDir = useTempDirs();
const RUNS = 10_000;
const ZONE = 'Europe/Amsterdam';
const source = createWebUntisSource(WebUntisSourceConfig.parse({ type: 'webuntis', server: 'x.webuntis.com', school: 'de-gang', username: 'u' }));
const ctx = sourceContext(instantAt('2026-11-24', '07:00', ZONE), { scope: 'staff', zone: ZONE });

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('A1.01', '2.ST / H', 'van den Berg', 'de Vries', '\u0000\u001f', 'constructor', '  '));
const day = fc.integer({ min: 23, max: 29 }).map((d) => 20261100 + d);
const hhmm = fc.integer({ min: 7, max: 17 }).chain((h) => fc.constantFrom(0, 30, 45).map((m) => h * 100 + m));

function serverAnswers(dirty: boolean) {
  const maybe = sometimesJunk(dirty);
  // Now and then, in dirty answers, a date or time that looks right but is not one.
  const date = dirty
    ? fc.oneof(
      { arbitrary: day, weight: 10 },
      { arbitrary: day.map(String), weight: 5 },
      { arbitrary: fc.constantFrom(20260230, 2026112, 99999999), weight: 1 },
    )
    : fc.oneof(day, day.map(String));
  const time = dirty
    ? fc.oneof({ arbitrary: hhmm, weight: 10 }, { arbitrary: hhmm.map(String), weight: 5 }, { arbitrary: fc.constantFrom(2400, 2460, 0, -5), weight: 1 })
    : fc.oneof(hhmm, hhmm.map(String));
  const id = fc.integer({ min: 0, max: 8 });
  const ref = fc.record({ id: maybe(id), name: maybe(text), orgid: maybe(id), orgname: maybe(text) }, { requiredKeys: [] });
  const refs = fc.option(fc.array(maybe(ref), { maxLength: 3 }), { nil: undefined });
  const period = fc.record({
    id: maybe(fc.integer({ min: 1, max: 30 })), date: maybe(date), startTime: maybe(time), endTime: maybe(time),
    kl: maybe(refs), te: maybe(refs), su: maybe(refs), ro: maybe(refs),
    lstype: maybe(fc.constantFrom('ls', 'oh', 'sb', 'bs', 'ex', '__proto__', 'x')), code: maybe(fc.constantFrom('cancelled', 'irregular', 'x')),
    lstext: maybe(text), info: maybe(text), substText: maybe(text),
  }, { requiredKeys: ['id', 'date', 'startTime', 'endTime'] });
  const element = fc.record({ id: maybe(id), name: maybe(text), longName: maybe(text), active: maybe(fc.boolean()), building: maybe(text) }, { requiredKeys: ['id', 'name'] });
  const teacher = fc.record({ id: maybe(id), name: maybe(text), foreName: maybe(text), longName: maybe(text) }, { requiredKeys: ['id', 'name'] });
  const student = fc.record({ id: maybe(id), key: maybe(fc.oneof(fc.constantFrom('246810', '12', '0012345'), fc.integer({ min: 0, max: 999999 }))), foreName: maybe(text), longName: maybe(text) }, { requiredKeys: ['id'] });
  const holiday = fc.record({ name: maybe(text), longName: maybe(text), startDate: maybe(date), endDate: maybe(date) }, { requiredKeys: ['startDate', 'endDate'] });
  const grid = fc.record({
    day: maybe(fc.integer({ min: dirty ? 0 : 1, max: dirty ? 8 : 7 })),
    timeUnits: fc.array(fc.record({ name: maybe(text), startTime: maybe(time), endTime: maybe(time) }), { maxLength: 4 }),
  });
  const substitution = fc.record({ type: maybe(fc.constantFrom('cancel', 'rmchg', 'subst')), date: maybe(date), startTime: maybe(time), endTime: maybe(time), kl: maybe(refs), ro: maybe(refs), txt: maybe(text), text: maybe(text) }, { requiredKeys: ['date', 'startTime', 'endTime'] });
  const list = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { maxLength: 5 });
  const optionalList = <T>(arb: fc.Arbitrary<T>) => fc.option(list(arb), { nil: null, freq: 4 });
  return fc.record({
    mode: fc.constantFrom('full', 'full', 'full', 'unchanged'),
    from: maybe(fc.constant('2026-11-23')),
    to: maybe(fc.constant('2026-11-29')),
    importTime: fc.option(fc.nat(), { nil: null }),
    cursor: fc.constant(null),
    rooms: maybe(fc.array(element, { minLength: dirty ? 0 : 1, maxLength: 5 })),
    klassen: maybe(list(element)),
    teachers: maybe(optionalList(teacher)),
    subjects: maybe(optionalList(element)),
    timegrid: maybe(optionalList(grid)),
    holidays: maybe(optionalList(holiday)),
    students: maybe(optionalList(student)),
    timetables: fc.array(fc.record({ type: fc.constantFrom(1, 4), id: id, result: maybe(fc.array(period, { maxLength: 8 })) }), { maxLength: 3 }),
    substitutions: maybe(optionalList(substitution)),
  });
}
const upstream = fc.oneof(
  { arbitrary: serverAnswers(false), weight: 10 },
  { arbitrary: serverAnswers(true), weight: 10 },
  { arbitrary: fc.anything(), weight: 1 },
);

function assertDomain(payload: SyncPayload): void {
  if (payload.kind !== 'snapshot') return;
  checkSnapshot(payload);
  School.parse(payload.school);
  for (const l of payload.lessons) Lesson.parse(l);
  for (const r of payload.rooms) Room.parse(r);
  for (const g of payload.groups) Group.parse(g);
  for (const s of payload.subjects) Subject.parse(s);
  for (const p of payload.pupils) Pupil.parse(p);
  for (const p of payload.periods) Period.parse(p);
  for (const h of payload.holidays) Holiday.parse(h);
}

const attempt = (raw: unknown) => parseOutcome(source, raw, ctx, assertDomain);

describe('WebUntis parsing, property-based', () => {
  it(`validate + normalise: ${RUNS.toLocaleString('en-US')} generated JSON-RPC results give valid domain data or a SourceError, never a crash`, () => {
    const outcomes = { written: 0, unchanged: 0, refused: 0 };
    fc.assert(fc.property(upstream, (raw) => void outcomes[attempt(raw)]++), { numRuns: RUNS, seed: 20130108 });
    expect(outcomes.written).toBeGreaterThan(RUNS / 10);
    expect(outcomes.refused).toBeGreaterThan(RUNS / 10);
  }, 60_000);

  it(`the JSON-RPC envelope: ${RUNS.toLocaleString('en-US')} generated bodies give a result or a SourceError`, () => {
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc.record({ jsonrpc: fc.oneof(junk, fc.constant('2.0')), id: fc.oneof(junk, fc.string()), result: fc.jsonValue(), error: fc.oneof(junk, fc.record({ code: fc.oneof(junk, fc.integer({ min: -33000, max: 0 })), message: fc.oneof(junk, text) })) }, { requiredKeys: [] })
        .map((e) => JSON.stringify(e)),
    );
    fc.assert(fc.property(body, (text) => {
      try {
        parseRpcAnswer(text, 'getTimetable', { school: 's', user: 'u', password: 'p' });
      } catch (error) {
        if (!(error instanceof SourceError)) throw error;
      }
    }), { numRuns: RUNS, seed: 8 });
  }, 60_000);

  it('a sample of them through syncOnce into a cache with good data: a refusal writes nothing', async () => {
    const db = openTestCache(tempDir());
    writeSnapshot(db, sampleSnapshot(), { scope: 'staff', source: source.id, now: ctx.now - 3_600_000 });
    const refused = await refusalsThroughSyncOnce(db, source, fc.sample(upstream, { numRuns: 150, seed: 43 }), ctx);
    expect(refused).toBeGreaterThan(10);
  }, 60_000);
});
