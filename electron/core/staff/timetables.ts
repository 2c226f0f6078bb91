import type { Lesson, TimetableSubject, WeekTimetable } from '@shared/domain';
import { pickNowNext } from '@shared/timetable/nowNext';
import { addDays, instantAt, localDateOf } from '@shared/timetable/zonedTime';
import { CallFailure } from '../api/callFailure';
import type { FreeRooms, RoomKind } from '@shared/domain';
import type { CacheDb } from '../db/open';
import { LESSON_COLUMNS, lessonFromRow, type LessonRow } from '../services/lessonRow';
import { readPeriods, readRooms } from '../services/referenceData';

/** Which lessons concern someone or something: a pupil through their groups, a room through where lessons are. */
type Concerns = (lesson: Lesson) => boolean;

/** Timetables for staff: anyone's week, where someone should be now, and which rooms are free. */
/** Rooms a class can be taught in; gyms, the aula and offices only when asked for. */
const TEACHING_ROOMS: ReadonlySet<RoomKind> = new Set(['classroom', 'lab', 'workshop', 'other']);

export function createTimetables(db: CacheDb, zone: () => string) {
  const lessonsBetween = db.prepare(`SELECT ${LESSON_COLUMNS} FROM lessons l WHERE l.day BETWEEN ? AND ? ORDER BY l.start_ms, l.id`);
  const roomLessons = db.prepare(`SELECT ${LESSON_COLUMNS} FROM lesson_rooms lr JOIN lessons l ON l.rowid = lr.lesson_rowid
    WHERE lr.room_code = ? AND lr.start_ms >= ? AND lr.start_ms < ? ORDER BY lr.start_ms, l.id`);
  const occupied = db.prepare(`SELECT DISTINCT lr.room_code FROM lesson_rooms lr JOIN lessons l ON l.rowid = lr.lesson_rowid
    WHERE lr.here = 1 AND l.cancelled = 0 AND lr.start_ms < ? AND lr.end_ms > ?`).pluck();
  // The next lesson held in each room from a moment to the end of that day: until when a free room stays free.
  const nextTaken = db.prepare(`SELECT lr.room_code AS room, MIN(lr.start_ms) AS start FROM lesson_rooms lr JOIN lessons l ON l.rowid = lr.lesson_rowid
    WHERE lr.here = 1 AND l.cancelled = 0 AND lr.start_ms >= ? AND lr.start_ms < ? GROUP BY lr.room_code`);
  const groupExists = db.prepare('SELECT 1 FROM groups WHERE code = ?').pluck();
  const teacherExists = db.prepare('SELECT 1 FROM teachers WHERE code = ?').pluck();

  const between = (from: string, to: string, concerns: Concerns) => (lessonsBetween.all(from, to) as LessonRow[]).map(lessonFromRow).filter(concerns);

  function concernsFor(kind: Exclude<TimetableSubject, 'room'>, code: string, pupilGroups?: string[]): Concerns {
    if (kind === 'teacher') {
      if (!teacherExists.get(code)) throw new CallFailure('NOT_FOUND', `There is no teacher ${code} in the timetable.`);
      return (l) => l.teachers.includes(code) || l.change.previousTeachers.includes(code);
    }
    const groups = new Set(kind === 'pupil' ? (pupilGroups ?? []) : [code]);
    if (kind === 'group' && !groupExists.get(code)) throw new CallFailure('NOT_FOUND', `There is no group ${code} in the timetable.`);
    return (l) => l.groups.some((g) => groups.has(g));
  }

  return {
    week(kind: TimetableSubject, code: string, monday: string, title: string, pupilGroups?: string[]): WeekTimetable {
      const sunday = addDays(monday, 6);
      let lessons: Lesson[];
      if (kind === 'room') {
        if (!readRooms(db).some((r) => r.code === code)) throw new CallFailure('NOT_FOUND', `There is no room ${code} in the timetable.`);
        lessons = (roomLessons.all(code, instantAt(monday, '00:00', zone()), instantAt(addDays(sunday, 1), '00:00', zone())) as LessonRow[]).map(lessonFromRow);
      } else {
        lessons = between(monday, sunday, concernsFor(kind, code, pupilGroups));
      }
      // The school's periods travel along: the page draws the week as a grid of them.
      return { kind, code, title, monday, periods: readPeriods(db), lessons };
    },

    whereNow(kind: 'pupil' | 'group' | 'teacher', code: string, at: number, pupilGroups?: string[]) {
      const today = localDateOf(at, zone());
      // Today and the next week: "next" after the last lesson of a Friday is Monday's first.
      const lessons = between(today, addDays(today, 14), concernsFor(kind, code, pupilGroups));
      return pickNowNext(lessons, at);
    },

    /**
     * Who teaches a subject to which groups, from today's and the next two weeks' lessons: a subject has no timetable
     * of its own, but leads to those of its groups and teachers.
     */
    subject(code: string, today: string): { code: string; name: string; groups: string[]; teachers: string[] } {
      const name = db.prepare('SELECT name FROM subjects WHERE code = ?').pluck().get(code) as string | undefined;
      const lessons = between(today, addDays(today, 14), (l) => l.subjects.includes(code));
      if (name === undefined && lessons.length === 0) throw new CallFailure('NOT_FOUND', `There is no subject ${code} in the timetable.`);
      const sorted = (codes: Iterable<string>) => [...new Set(codes)].sort(new Intl.Collator('nl', { numeric: true }).compare);
      return { code, name: name ?? code, groups: sorted(lessons.flatMap((l) => l.groups)), teachers: sorted(lessons.flatMap((l) => l.teachers)) };
    },

    /**
     * Rooms free in a period: teaching rooms only unless `withOtherRooms` (a gym, the aula or an office is no place to
     * take a class), each with until when it stays free that day (null: the rest of the day).
     */
    freeRooms(day: string, period: number, o: { building?: string; minCapacity?: number; withOtherRooms?: boolean } = {}): FreeRooms {
      const p = readPeriods(db).find((x) => x.number === period);
      if (!p) throw new CallFailure('NOT_FOUND', `There is no period ${period} in the school's timetable.`);
      const start = instantAt(day, p.start, zone());
      const end = instantAt(day, p.end, zone());
      const taken = new Set(occupied.all(end, start) as string[]);
      const until = new Map((nextTaken.all(end, instantAt(addDays(day, 1), '00:00', zone())) as { room: string; start: number }[]).map((r) => [r.room, r.start]));
      const rooms = readRooms(db)
        .filter((r) => !taken.has(r.code) && (o.withOtherRooms || TEACHING_ROOMS.has(r.kind))
          && (o.building === undefined || r.building === o.building) && (o.minCapacity === undefined || (r.capacity ?? 0) >= o.minCapacity))
        .map((r) => ({ ...r, freeUntil: until.get(r.code) ?? null }));
      return { day, period, rooms };
    },
  };
}
export type Timetables = ReturnType<typeof createTimetables>;
