import type { Lesson } from '@shared/domain/lesson';
import { changeMarks, type ChangeMark } from '../timetable/lessonChanges';

/**
 * The kiosk's change marks, for any timetable. On a room's timetable the room is the point of view (a lesson that
 * left it reads "moved to ..."); on a pupil's, group's or teacher's it is where the lesson is held now.
 */
export function staffChangeMarks(lesson: Lesson, roomCode: string | null): ChangeMark[] {
  return changeMarks(lesson, roomCode ?? lesson.rooms[0] ?? lesson.change.previousRooms[0] ?? '');
}
