import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Announcement, Group, Lesson, Period, Pupil, Room, School, Subject } from '@shared/domain';
import { ZermeloSourceConfig } from '@shared/settings';
import { checkDelta, checkSnapshot } from '../source';
import { SourceError } from '../source';
import type { SyncPayload } from '../source';
import { writeSnapshot } from '../../sync/writer';
import { openTestCache } from '../../testing/openTestCache';
import { sampleSnapshot } from '../../testing/sampleSchool';
import { useTempDirs } from '../../testing/tempDir';
import { DAY, MONDAY, unix, ZONE } from './testing/zermeloSchool';
import { instantAt } from '@shared/timetable/zonedTime';
import { parseEnvelope } from './client';
import { type ZermeloCursor } from './cursor';
import { junk, parseOutcome, refusalsThroughSyncOnce, sometimesJunk, sourceContext } from '../testing/connectorChecks';
import { createZermeloSource } from '.';

const tempDir = useTempDirs();
const RUNS = 10_000;
const SUNDAY = '2026-11-29';
const source = createZermeloSource(ZermeloSourceConfig.parse({ type: 'zermelo', portal: 'testschool', branch: 'hoofd' }));
const ctx = sourceContext(instantAt(DAY, '07:00', ZONE), { scope: 'staff', zone: ZONE });

/*
 * Inputs shaped like the portal's answers, mostly plausible and now and then wrong in every way JSON allows, so that
 * both the refusals and the deep paths of normalise are reached.
 */
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('A1.01', ' B 0.10 ', 'u1', 'v6.netl3', '\u0000x\u001fy', 'a\u200bb', '  ', 'Het lokaal is gewijzigd (was A1.02, B0.10).', 'De docent is vervangen (was BKR en JNS).'));
const codes = fc.array(fc.oneof(text, fc.constantFrom('A1.01', 'B0.10', '1A', 'ne'), fc.integer({ min: -5, max: 99 })), { maxLength: 4 });
const weekSecond = fc.integer({ min: unix(MONDAY, '00:00') - 7200, max: unix(SUNDAY, '23:59') + 7200 });
const flag = fc.option(fc.boolean(), { nil: undefined });
const cursor: fc.Arbitrary<ZermeloCursor> = fc.record({
  v: fc.constant(1 as const),
  scope: fc.constant('staff' as const),
  zone: fc.constant(ZONE),
  config: fc.constant('weeks=2;branch=hoofd'),
  from: fc.constant(MONDAY),
  to: fc.constant(SUNDAY),
  since: fc.option(fc.integer({ min: unix('2026-11-01', '00:00'), max: unix(DAY, '07:00') }), { nil: null }),
  fullAt: fc.constant(ctx.now - 60_000),
  recent: fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 5 }),
  weeks: fc.constant({}),
  modifiedSince: fc.boolean(),
});

/** The portal's answers; with `dirty`, any value may now and then be replaced by JSON of the wrong kind. */
function portalAnswers(dirty: boolean) {
  const maybe = sometimesJunk(dirty);
  const appointment = fc.record({
    id: maybe(fc.integer({ min: 1, max: 40 })),
    appointmentInstance: maybe(fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined })),
    start: maybe(weekSecond),
    // Mostly a plausible length; sometimes none, negative or days long.
    end: maybe(fc.oneof(fc.integer({ min: 1200, max: 6000 }), fc.integer({ min: -3600, max: 3 * 86_400 }))),
    startTimeSlot: maybe(fc.integer({ min: -2, max: 25 })),
    endTimeSlot: maybe(fc.integer({ min: -2, max: 25 })),
    startTimeSlotName: maybe(fc.oneof(text, fc.integer())),
    type: maybe(fc.constantFrom('lesson', 'exam', 'activity', 'choice', 'talk', 'constructor', '__proto__', 'unknown')),
    subjects: maybe(codes), teachers: maybe(codes), groups: maybe(codes), locations: maybe(codes),
    valid: maybe(flag), hidden: maybe(flag), cancelled: maybe(flag), new: maybe(flag), base: maybe(flag), moved: maybe(flag),
    teacherChanged: maybe(flag), locationChanged: maybe(flag), timeChanged: maybe(flag),
    changeDescription: maybe(fc.option(text, { nil: null })), cancelledReason: maybe(text), remark: maybe(fc.option(text, { nil: null })),
    lastModified: maybe(fc.integer({ min: unix('2026-11-01', '00:00'), max: unix(DAY, '07:00') })),
    branch: maybe(fc.constantFrom('hoofd', 'HOOFD', 'dep')),
  }, { requiredKeys: ['id', 'start', 'end'] }).map((a) => (typeof a.start === 'number' && typeof a.end === 'number' ? { ...a, end: a.start + a.end } : a));
  const location = fc.record({ id: maybe(fc.integer()), name: maybe(fc.oneof(text, fc.integer())), branchOfSchool: maybe(fc.integer({ min: 0, max: 3 })), schoolInSchoolYear: maybe(fc.integer()), courseCapacity: maybe(fc.integer({ min: -10, max: 9000 })) }, { requiredKeys: ['name'] });
  const group = fc.record({ id: maybe(fc.integer()), name: maybe(text), extendedName: maybe(fc.option(text, { nil: null })), isMainGroup: maybe(flag) }, { requiredKeys: ['name'] });
  const user = fc.record({
    code: maybe(fc.oneof(text, fc.constantFrom('246810', '0012', '12345678901'), fc.integer({ min: 0, max: 99999 }))),
    firstName: maybe(fc.option(text, { nil: null })), prefix: maybe(fc.option(text, { nil: null })), lastName: maybe(fc.option(text, { nil: null })),
    isStudent: maybe(flag), isEmployee: maybe(flag), archived: maybe(flag),
  }, { requiredKeys: ['code'] });
  const announcement = fc.record({ id: maybe(fc.integer()), start: maybe(weekSecond), end: maybe(weekSecond), title: maybe(fc.option(text, { nil: null })), text: maybe(fc.oneof(text, fc.constant('&<>"\''.repeat(900)))) }, { requiredKeys: ['id', 'start', 'end'] });
  const list = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.array(arb, { maxLength: 6 }), { nil: null, freq: 4 });
  return fc.record({
    mode: fc.constantFrom('full', 'full', 'modifiedSince', 'fingerprint'),
    from: maybe(fc.constant(MONDAY)),
    to: maybe(fc.constant(SUNDAY)),
    appointments: maybe(fc.array(fc.record({ monday: fc.constant(MONDAY), data: fc.array(appointment, { maxLength: 10 }) }), { minLength: 1, maxLength: 2 })),
    fingerprints: fc.constant({}),
    cursor: fc.option(cursor, { nil: null, freq: 3 }),
    modifiedSinceSupported: fc.boolean(),
    locations: list(location), groups: list(group), employees: list(user), pupils: list(user), announcements: list(announcement),
    schoolYears: list(fc.record({ id: maybe(fc.integer()), name: maybe(text), schoolName: maybe(text), year: maybe(fc.integer()) }, { requiredKeys: [] })),
    branches: list(fc.record({ id: maybe(fc.integer({ min: 0, max: 3 })), branch: maybe(fc.constantFrom('hoofd', 'dep')) }, { requiredKeys: ['id'] })),
    deniedFields: fc.constant({}),
  });
}
const upstream = fc.oneof(
  { arbitrary: portalAnswers(false), weight: 10 },
  { arbitrary: portalAnswers(true), weight: 10 },
  { arbitrary: fc.anything(), weight: 1 },
);

/** Everything normalise returns must be what the domain accepts: the checks a write relies on. */
function assertDomain(payload: SyncPayload): void {
  if (payload.kind === 'snapshot') {
    checkSnapshot(payload);
    School.parse(payload.school);
    for (const l of payload.lessons) Lesson.parse(l);
    for (const r of payload.rooms) Room.parse(r);
    for (const g of payload.groups) Group.parse(g);
    for (const s of payload.subjects) Subject.parse(s);
    for (const p of payload.pupils) Pupil.parse(p);
    for (const p of payload.periods) Period.parse(p);
    for (const a of payload.announcements) Announcement.parse(a);
  } else if (payload.kind === 'delta') {
    checkDelta(payload);
    for (const l of payload.upsertLessons) Lesson.parse(l);
  }
}

const attempt = (raw: unknown) => parseOutcome(source, raw, ctx, assertDomain);

describe('Zermelo parsing, property-based', () => {
  it(`validate + normalise: ${RUNS.toLocaleString('en-US')} generated answers give valid domain data or a SourceError, never a crash`, () => {
    const outcomes = { written: 0, unchanged: 0, refused: 0 };
    fc.assert(fc.property(upstream, (raw) => void outcomes[attempt(raw)]++), { numRuns: RUNS, seed: 20261124 });
    // Both ways are really exercised: real snapshots and deltas, and refusals.
    expect(outcomes.written).toBeGreaterThan(RUNS / 10);
    expect(outcomes.refused).toBeGreaterThan(RUNS / 10);
  }, 60_000);

  it(`the envelope: ${RUNS.toLocaleString('en-US')} generated bodies give data or a SourceError`, () => {
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record({
          response: fc.record(
            {
              status: fc.oneof(junk, fc.integer({ min: 100, max: 599 })),
              message: fc.oneof(junk, text),
              data: fc.oneof(junk, fc.array(fc.jsonValue(), { maxLength: 3 })),
            },
            { requiredKeys: [] },
          ),
        })
        .map((e) => JSON.stringify(e)),
      fc.json().map((j) => `\ufeff${j}`),
    );
    fc.assert(fc.property(body, (text) => {
      try {
        expect(Array.isArray(parseEnvelope(text, 'test'))).toBe(true);
      } catch (error) {
        if (!(error instanceof SourceError)) throw error;
      }
    }), { numRuns: RUNS, seed: 7 });
  }, 60_000);

  it('a sample of them through syncOnce into a cache with good data: a refusal writes nothing', async () => {
    const db = openTestCache(tempDir());
    writeSnapshot(db, sampleSnapshot(), { scope: 'staff', source: source.id, now: ctx.now - 3_600_000 });
    const refused = await refusalsThroughSyncOnce(db, source, fc.sample(upstream, { numRuns: 150, seed: 42 }), ctx);
    expect(refused).toBeGreaterThan(10);
  }, 60_000);
});
