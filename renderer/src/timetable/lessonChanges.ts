import type { Lesson } from '@shared/domain/lesson';
import type { Instant, LocalDate } from '@shared/domain/time';

/** One thing about a lesson that differs from the regular timetable, as a room's sign must show it. */
export type ChangeMark =
  | { kind: 'cancelled' }
  /**
   * The lesson was in this room but is held elsewhere now (empty `to`: the upstream did not say where); `when`: it
   * moved to another day, and this is the slot it left.
   */
  | { kind: 'movedAway'; to: string[]; when?: { start: Instant; periodFrom: number | null } }
  /** The lesson is held here instead of where it normally is. */
  | { kind: 'roomChanged'; from: string[] }
  | { kind: 'substitute'; was: string[] }
  | { kind: 'added' }
  /** Held at another time than planned; `day` is the lesson's own, to say when `was` is on another day. */
  | { kind: 'rescheduled'; was: Instant; day: LocalDate };

/**
 * What a person at this room's door needs to know, most important first. A cancelled lesson shows only that:
 * where it would have been or who would have taught it no longer matters.
 */
export function changeMarks(lesson: Lesson, roomCode: string): ChangeMark[] {
  const { change } = lesson;
  // The slot a lesson left for another day: where it went is all that matters here.
  if (change.movedTo) return [{ kind: 'movedAway', to: change.movedTo.rooms, when: { start: change.movedTo.start, periodFrom: change.movedTo.periodFrom } }];
  if (change.cancelled) return [{ kind: 'cancelled' }];
  const marks: ChangeMark[] = [];
  if (!lesson.rooms.includes(roomCode)) {
    marks.push({ kind: 'movedAway', to: lesson.rooms });
  } else {
    const from = change.previousRooms.filter((code) => code !== roomCode);
    if (from.length > 0) marks.push({ kind: 'roomChanged', from });
  }
  if (change.previousTeachers.length > 0) marks.push({ kind: 'substitute', was: change.previousTeachers });
  if (change.added) marks.push({ kind: 'added' });
  if (change.previousStart !== null && change.previousStart !== lesson.start) marks.push({ kind: 'rescheduled', was: change.previousStart, day: lesson.day });
  return marks;
}
