import type { NowNextBoard, RoomNowNext } from '../../../shared/contract';
import type { Lesson, Room } from '../../../shared/domain';
import { pickNowNext, takesPlaceIn } from '../../../shared/timetable/nowNext';
import { localDateOf } from '../../../shared/timetable/zonedTime';
import type { CacheDb } from '../db/open';
import { LESSON_COLUMNS, lessonFromRow, type LessonRow } from './lessonRow';
import { readDataAsOf, readPeriods, readRooms } from './referenceData';

/** No lesson is longer than this, so a lesson running at `at` started after `at - MAX_LESSON`. */
const MAX_LESSON_MS = 12 * 3_600_000;
/** How far ahead "next" may be: over a weekend and a two-week holiday. */
const NEXT_HORIZON_MS = 21 * 86_400_000;
/** Rows per room: enough for a running lesson, one overlapping it (cancelled + replacement) and the next ones. */
const ROWS_PER_ROOM = 4;

export interface KioskBoard {
  nowNext(at: number, roomCodes?: readonly string[]): NowNextBoard;
  /** Call after every sync: rooms and periods are cached per data version. */
  invalidate(): void;
}

/**
 * The kiosk's main query: for every room, the lesson now and the next one. One indexed range scan per room on
 * lesson_rooms (room, start), a handful of rows each, so a corridor of 150 rooms answers in well under a millisecond.
 */
export function createKioskBoard(db: CacheDb, zone: () => string): KioskBoard {
  const perRoom = db.prepare(`
    SELECT lr.here, ${LESSON_COLUMNS}
    FROM lesson_rooms lr JOIN lessons l ON l.rowid = lr.lesson_rowid
    WHERE lr.room_code = ? AND lr.start_ms > ? AND lr.start_ms < ? AND lr.end_ms > ?
    ORDER BY lr.start_ms LIMIT ${ROWS_PER_ROOM}`);
  let reference: { rooms: Room[]; byCode: Map<string, Room>; periods: ReturnType<typeof readPeriods>; dataAsOf: number | null } | null = null;

  const load = () => {
    if (!reference) {
      const rooms = readRooms(db);
      reference = { rooms, byCode: new Map(rooms.map((r) => [r.code, r])), periods: readPeriods(db), dataAsOf: readDataAsOf(db) };
    }
    return reference;
  };

  return {
    invalidate() {
      reference = null;
    },
    nowNext(at, roomCodes) {
      const ref = load();
      const rooms = roomCodes ? roomCodes.map((c) => ref.byCode.get(c)).filter((r): r is Room => r !== undefined) : ref.rooms;
      let changesAt: number | null = null;
      const out: RoomNowNext[] = rooms.map((room) => {
        const lessons: Lesson[] = (perRoom.all(room.code, at - MAX_LESSON_MS, at + NEXT_HORIZON_MS, at) as LessonRow[]).map(lessonFromRow);
        const { now, next } = pickNowNext(lessons, at, takesPlaceIn(room.code));
        for (const t of [now?.end, next?.start]) if (t !== undefined && t > at && (changesAt === null || t < changesAt)) changesAt = t;
        return { room, now, next };
      });
      return { at, day: localDateOf(at, zone()), periods: ref.periods, rooms: out, changesAt, dataAsOf: ref.dataAsOf };
    },
  };
}
