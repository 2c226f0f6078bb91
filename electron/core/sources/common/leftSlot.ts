import type { Lesson } from '@shared/domain';
import type { LocalDate } from '@shared/domain/time';

export const leftSlotIdOf = (lessonId: string) => `${lessonId}:left`;

/** What the slot a lesson left looked like, where the upstream says more than the moved lesson itself. */
export interface LeftSlotFacts {
  end?: number;
  periodFrom?: number | null;
  periodTo?: number | null;
  rooms?: string[];
  subjects?: string[];
  groups?: string[];
  teachers?: string[];
}

/**
 * Both ends of a move to another day (docs/moved-lessons.md). `left`: the slot the lesson left, as a lesson of its
 * own on that day, cancelled there (nothing is held) and saying where the lesson went (`movedTo`); without it the old
 * room shows free on the old day and nothing says where the class went. `arrived`: the lesson in its new slot, which
 * carries `previousStart` for the other direction; its earlier rooms belong to the old day (the old slot names them),
 * and listed at the new time they would make the old room say "moved" on a day the lesson was never there. Null when
 * the lesson did not move to another day or is itself cancelled. Connectors call this with what their upstream says
 * of the old slot.
 */
export function movedDay(lesson: Lesson, dateOf: (instant: number) => LocalDate, was: LeftSlotFacts = {}): { left: Lesson; arrived: Lesson } | null {
  const start = lesson.change.previousStart;
  if (start === null || lesson.change.cancelled) return null;
  const day = dateOf(start);
  if (day === lesson.day) return null;
  const pick = (list: string[] | undefined, fallback: string[]) => (list && list.length > 0 ? list : fallback);
  const left: Lesson = {
    id: leftSlotIdOf(lesson.id),
    start,
    end: was.end ?? start + (lesson.end - lesson.start),
    day,
    periodFrom: was.periodFrom ?? null,
    periodTo: was.periodTo ?? was.periodFrom ?? null,
    kind: lesson.kind,
    subjects: pick(was.subjects, lesson.subjects),
    groups: pick(was.groups, lesson.groups),
    teachers: pick(was.teachers, lesson.teachers),
    rooms: pick(was.rooms, lesson.change.previousRooms.length > 0 ? lesson.change.previousRooms : lesson.rooms),
    change: {
      cancelled: true, added: false, previousRooms: [], previousTeachers: [], previousStart: null, description: null,
      movedTo: { start: lesson.start, periodFrom: lesson.periodFrom, rooms: lesson.rooms },
    },
    remark: null,
  };
  return { left, arrived: { ...lesson, change: { ...lesson.change, previousRooms: [] } } };
}
