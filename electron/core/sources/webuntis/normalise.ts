import type { Lesson } from '@shared/domain';
import type { Delta, Snapshot, SourceContext } from '../source';
import { cleanText } from '../common/codes';
import { type UntisCursor, untisConfigKey } from './cursor';
import type { WebUntisConfig } from './fetch';
import { lessonOfPeriod, mergePeriods, periodNumbers, substitutionTexts } from './lessons';
import { applyShifts } from './shifts';
import { groupsOf, holidaysOf, namesById, periodsOf, pupilsOf, roomsOf, subjectsOf, teachersOf } from './reference';
import type { UntisValid } from './validate';

/**
 * A full WebUntis fetch as a snapshot; a near one (the import did not move) as a delta that replaces today and the
 * next school day, keeping the cursor, so the hourly full fetch still comes.
 */
export function normaliseWebUntis(v: UntisValid, ctx: SourceContext, config: WebUntisConfig): Snapshot | Delta {
  const names = {
    klassen: namesById(v.klassen),
    teachers: namesById(v.teachers),
    subjects: namesById(v.subjects),
    rooms: namesById(v.rooms),
  };
  const context = { zone: ctx.zone, from: v.from, to: v.to, names, numbers: periodNumbers(v.timegrid), substitution: substitutionTexts(v.substitutions) };
  const found: Lesson[] = [];
  for (const p of mergePeriods(v.timetables.map((t) => t.periods))) {
    const lesson = lessonOfPeriod(p, context);
    if (lesson) found.push(lesson);
  }
  // A lesson moved to another day: its two entries paired by the `shift` substitution (shifts.ts).
  const lessons = applyShifts(found, v.substitutions, names, ctx.zone);
  if (v.mode === 'near') return { kind: 'delta', replaceDays: { from: v.from, to: v.to }, upsertLessons: lessons, removeLessonIds: [], cursor: ctx.cursor };
  const cursor: UntisCursor = {
    v: 1,
    scope: ctx.scope,
    zone: ctx.zone,
    config: untisConfigKey(config),
    from: v.from,
    to: v.to,
    importTime: v.importTime,
    fetchedAt: ctx.now,
  };
  return {
    kind: 'snapshot',
    school: { name: cleanText(config.school, 120) ?? config.server, zone: ctx.zone },
    window: { from: v.from, to: v.to },
    periods: periodsOf(v.timegrid),
    rooms: roomsOf(v.rooms, lessons),
    subjects: subjectsOf(v.subjects, lessons),
    groups: groupsOf(v.klassen, lessons),
    teachers: teachersOf(v.teachers, lessons, ctx.scope),
    pupils: ctx.scope === 'staff' ? pupilsOf(v.students) : [],
    lessons,
    announcements: [],
    holidays: holidaysOf(v.holidays),
    cursor: JSON.stringify(cursor),
  };
}
