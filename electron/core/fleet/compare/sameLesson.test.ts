import { describe, expect, it } from 'vitest';
import { Lesson, LessonChange, MovedTo, NO_CHANGE } from '@shared/domain';
import { CHANGE_FIELDS, LESSON_FIELDS, MOVED_TO_FIELDS, sameLesson } from './sameLesson';

const lesson: Lesson = {
  id: 'z:1', start: 1, end: 2, day: '2026-11-24', periodFrom: 1, periodTo: 1, kind: 'lesson', subjects: ['ne'], groups: ['h2a'],
  teachers: ['BEE'], rooms: ['101'], change: { ...NO_CHANGE, movedTo: { start: 5, periodFrom: 3, rooms: ['102'] } }, remark: null,
};

describe('sameLesson', () => {
  it('knows every field the schema has (a new field must be compared too)', () => {
    expect(Object.keys(Lesson.shape).sort()).toEqual([...LESSON_FIELDS].sort());
    expect(Object.keys(LessonChange.shape).sort()).toEqual([...CHANGE_FIELDS].sort());
    expect(Object.keys(MovedTo.shape).sort()).toEqual([...MOVED_TO_FIELDS].sort());
  });

  it('tells a change in any one field', () => {
    expect(sameLesson(lesson, structuredClone(lesson))).toBe(true);
    expect(sameLesson(undefined, lesson)).toBe(false);
    const changes: Partial<Lesson>[] = [
      { id: 'z:2' }, { start: 0 }, { end: 3 }, { day: '2026-11-25' }, { periodFrom: null }, { periodTo: 2 }, { kind: 'exam' }, { subjects: ['en'] },
      { groups: ['h2b'] }, { teachers: ['BEE', 'KOK'] }, { rooms: ['102'] }, { remark: 'tas mee' },
      ...CHANGE_FIELDS.map((field) => ({ change: { ...lesson.change, [field]: field === 'movedTo' ? null : field === 'description' || field === 'previousStart' ? 'x' : field.startsWith('previous') ? ['X'] : true } })),
      ...MOVED_TO_FIELDS.map((field) => ({ change: { ...lesson.change, movedTo: { ...lesson.change.movedTo!, [field]: field === 'rooms' ? ['103'] : 9 } } })),
    ];
    for (const change of changes) expect(sameLesson(lesson, { ...structuredClone(lesson), ...change } as Lesson), JSON.stringify(change)).toBe(false);
  });
});
