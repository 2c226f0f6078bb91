import type { Lesson } from '../../../shared/domain/lesson';
import type { Instant } from '../../../shared/domain/time';

/** One thing about a lesson that differs from the regular timetable, as a room's sign must show it. */
export type ChangeMark =
  | { kind: 'cancelled' }
  /** The lesson was in this room but is held elsewhere now (empty `to`: the upstream did not say where). */
  | { kind: 'movedAway'; to: string[] }
  /** The lesson is held here instead of where it normally is. */
  | { kind: 'roomChanged'; from: string[] }
  | { kind: 'substitute'; was: string[] }
  | { kind: 'added' }
  | { kind: 'rescheduled'; was: Instant };

/**
 * What a person at this room's door needs to know, most important first. A cancelled lesson shows only that:
 * where it would have been or who would have taught it no longer matters.
 */
export function changeMarks(lesson: Lesson, roomCode: string): ChangeMark[] {
  const { change } = lesson;
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
  if (change.previousStart !== null && change.previousStart !== lesson.start) marks.push({ kind: 'rescheduled', was: change.previousStart });
  return marks;
}
