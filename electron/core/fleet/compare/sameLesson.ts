import type { Lesson, LessonChange } from '@shared/domain';

/** The fields sameLesson compares, checked against the schema by its test: a new field must be added here too. */
export const LESSON_FIELDS = ['id', 'start', 'end', 'day', 'periodFrom', 'periodTo', 'kind', 'subjects', 'groups', 'teachers', 'rooms', 'change', 'remark'] as const;
export const CHANGE_FIELDS = ['cancelled', 'added', 'previousRooms', 'previousTeachers', 'previousStart', 'movedTo', 'description'] as const;
export const MOVED_TO_FIELDS = ['start', 'periodFrom', 'rooms'] as const;

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const sameChange = (a: LessonChange, b: LessonChange) =>
  a.cancelled === b.cancelled && a.added === b.added && a.previousStart === b.previousStart && a.description === b.description
  && sameCodes(a.previousRooms, b.previousRooms) && sameCodes(a.previousTeachers, b.previousTeachers)
  && (a.movedTo === b.movedTo || (a.movedTo !== null && b.movedTo !== null && a.movedTo.start === b.movedTo.start
    && a.movedTo.periodFrom === b.movedTo.periodFrom && sameCodes(a.movedTo.rooms, b.movedTo.rooms)));

/**
 * Whether two lessons are the same, field by field: the publisher compares a whole school's lessons (120,000 and
 * more) against its last full bundle every round, and a generic comparison or JSON text was most of a delta's cost.
 */
export function sameLesson(a: Lesson | undefined, b: Lesson): boolean {
  if (a === b) return true;
  if (a === undefined) return false;
  return a.id === b.id && a.start === b.start && a.end === b.end && a.day === b.day && a.periodFrom === b.periodFrom && a.periodTo === b.periodTo
    && a.kind === b.kind && a.remark === b.remark && sameCodes(a.subjects, b.subjects) && sameCodes(a.groups, b.groups)
    && sameCodes(a.teachers, b.teachers) && sameCodes(a.rooms, b.rooms) && sameChange(a.change, b.change);
}
