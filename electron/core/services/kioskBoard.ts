import type { NowNextBoard, RoomNowNext } from '@shared/contract';
import type { Lesson, Room } from '@shared/domain';
import type { LocalDate } from '@shared/domain/time';
import { pickNowNext, takesPlaceIn } from '@shared/timetable/nowNext';
import { addDays, localDateOf } from '@shared/timetable/zonedTime';
import type { CacheDb } from '../db/open';
import { LESSON_COLUMNS, lessonFromRow, type LessonRow } from './lessonRow';
import { readDataAsOf, readPeriods, readRooms } from './referenceData';

/** Long enough for the answer in hand to go out first; short enough to be ready long before midnight. */
const PREPARE_AFTER_MS = 50;

export interface KioskBoard {
  nowNext(at: number, roomCodes?: readonly string[]): NowNextBoard;
  /** Call after every sync: what is held in memory belongs to the previous data. */
  invalidate(): void;
}

/** One school day's lessons per room, plus those of the next day that has lessons (for "next" after the last one). */
interface DayIndex {
  day: LocalDate;
  byRoom: Map<string, Lesson[]>;
}

/**
 * The kiosk's main query: for every room, the lesson now and the next one. A kiosk asks every few seconds as its
 * clock runs, always about today, so the day's lessons are read once (one indexed query by day) and kept per room;
 * each question is then answered from memory. A new day, or new data from a sync, reads them again.
 */
export function createKioskBoard(db: CacheDb, zone: () => string): KioskBoard {
  // By day through lessons_by_day; each lesson goes to its rooms and to the rooms it moved away from.
  const lessonsOnDays = db.prepare(`SELECT ${LESSON_COLUMNS} FROM lessons l WHERE l.day IN (?, ?) ORDER BY l.start_ms`);
  const nextLessonDay = db.prepare('SELECT min(day) AS day FROM lessons WHERE day > ?').pluck();
  let reference: { rooms: Room[]; byCode: Map<string, Room>; periods: ReturnType<typeof readPeriods>; dataAsOf: number | null } | null = null;
  let index: DayIndex | null = null;

  const loadReference = () => {
    if (!reference) {
      const rooms = readRooms(db);
      reference = { rooms, byCode: new Map(rooms.map((r) => [r.code, r])), periods: readPeriods(db), dataAsOf: readDataAsOf(db) };
    }
    return reference;
  };

  const buildDay = (day: LocalDate): DayIndex => {
    const byRoom = new Map<string, Lesson[]>();
    const following = (nextLessonDay.get(day) as LocalDate | null) ?? day;
    for (const row of lessonsOnDays.all(day, following) as LessonRow[]) {
      const lesson = lessonFromRow(row);
      for (const room of new Set([...lesson.rooms, ...lesson.change.previousRooms])) {
        let list = byRoom.get(room);
        if (!list) byRoom.set(room, (list = []));
        list.push(lesson);
      }
    }
    return { day, byRoom };
  };

  /*
   * Reading a day costs tens of milliseconds on a large school, and every screen asks at the same second: midnight,
   * and right after a sync. So the day after the one being shown is read ahead, in a macrotask of its own once an
   * answer has gone out, and so is the day shown after new data came in: the first question of a day finds it ready.
   */
  let prepared: DayIndex | null = null;
  let preparing: ReturnType<typeof setTimeout> | null = null;
  const prepare = (day: LocalDate) => {
    if (preparing !== null || prepared?.day === day || index?.day === day) return;
    preparing = setTimeout(() => {
      preparing = null;
      // Ahead of need only: a cache closed meanwhile (the core stopping) or busy leaves the day to be read when asked.
      try {
        prepared = db.open ? buildDay(day) : null;
      } catch {
        prepared = null;
      }
    }, PREPARE_AFTER_MS);
    preparing.unref?.();
  };

  const loadDay = (day: LocalDate): DayIndex => {
    if (index?.day === day) return index;
    if (prepared?.day === day) {
      index = prepared;
      prepared = null;
      return index;
    }
    return (index = buildDay(day));
  };

  return {
    invalidate() {
      const shown = index?.day ?? null;
      reference = null;
      index = null;
      prepared = null;
      if (preparing !== null) clearTimeout(preparing);
      preparing = null;
      if (shown !== null) prepare(shown);
    },
    nowNext(at, roomCodes) {
      const ref = loadReference();
      const day = localDateOf(at, zone());
      const { byRoom } = loadDay(day);
      const rooms = roomCodes ? roomCodes.map((c) => ref.byCode.get(c)).filter((r): r is Room => r !== undefined) : ref.rooms;
      let changesAt: number | null = null;
      const out: RoomNowNext[] = rooms.map((room) => {
        const { now, next } = pickNowNext(byRoom.get(room.code) ?? [], at, takesPlaceIn(room.code));
        for (const t of [now?.end, next?.start]) if (t !== undefined && t > at && (changesAt === null || t < changesAt)) changesAt = t;
        return { room, now, next };
      });
      prepare(addDays(day, 1));
      return { at, day, periods: ref.periods, rooms: out, changesAt, dataAsOf: ref.dataAsOf };
    },
  };
}
