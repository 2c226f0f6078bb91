import type { RoomDay } from '@shared/contract';
import type { LocalDate } from '@shared/domain/time';
import { addDays, instantAt, localDateOf } from '@shared/timetable/zonedTime';
import type { CacheDb } from '../db/open';
import { CallFailure } from '../api/callFailure';
import { LESSON_COLUMNS, lessonFromRow, type LessonRow } from './lessonRow';
import { readDataAsOf, readPeriods } from './referenceData';

const HORIZON_DAYS = 21;

/**
 * A door sign's day: one room's lessons on the school day of `at` (including those that moved away, so the sign
 * can say where they went), and the next day the room has lessons, skipping weekends and holidays.
 */
export function createRoomDay(db: CacheDb, zone: () => string) {
  const room = db.prepare('SELECT code, name, building, floor, kind, capacity FROM rooms WHERE code = ?');
  const between = db.prepare(`SELECT ${LESSON_COLUMNS} FROM lesson_rooms lr JOIN lessons l ON l.rowid = lr.lesson_rowid
    WHERE lr.room_code = ? AND lr.start_ms >= ? AND lr.start_ms < ? ORDER BY lr.start_ms, l.id`);
  const firstAfter = db.prepare('SELECT min(start_ms) FROM lesson_rooms WHERE room_code = ? AND start_ms >= ? AND start_ms < ?').pluck();

  return (code: string, at: number): RoomDay => {
    const found = room.get(code) as RoomDay['room'] | undefined;
    if (!found) throw new CallFailure('NOT_FOUND', `There is no room ${code} in the timetable.`);
    const z = zone();
    const day: LocalDate = localDateOf(at, z);
    const dayEnd = instantAt(addDays(day, 1), '00:00', z);
    const lessons = (between.all(code, instantAt(day, '00:00', z), dayEnd) as LessonRow[]).map(lessonFromRow);
    const nextStart = firstAfter.get(code, dayEnd, dayEnd + HORIZON_DAYS * 86_400_000) as number | null;
    const nextDay = nextStart === null ? null : localDateOf(nextStart, z);
    const nextDayLessons = nextDay === null ? [] : (between.all(code, instantAt(nextDay, '00:00', z), instantAt(addDays(nextDay, 1), '00:00', z)) as LessonRow[]).map(lessonFromRow);
    return { room: found, day, lessons, nextDay, nextDayLessons, periods: readPeriods(db), dataAsOf: readDataAsOf(db) };
  };
}
