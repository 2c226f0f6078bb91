import { expect } from 'vitest';
import { ChangesBoard, NowNextBoard } from '@shared/contract';
import type { Lesson } from '@shared/domain';
import { localDateOf } from '@shared/timetable/zonedTime';
import type { CacheDb } from '../../db/open';
import { createChangesBoard } from '../../services/changesBoard';
import { createKioskBoard } from '../../services/kioskBoard';
import { createTimetables } from '../../staff/timetables';

/** A lesson that moved from one day to another: where it was, and where it is now. */
export interface MovedLesson {
  zone: string;
  group: string;
  /** Its old slot: a moment inside it, and the room it was in. */
  left: { at: number; room: string };
  /** Its new slot: a moment inside it, its start, and the room it is in. */
  arrived: { at: number; start: number; room: string; periodFrom?: number | null };
}

/**
 * What every connector must show for a lesson moved to another day, read back from the cache the way the screens
 * read it: on the kiosk (corridor board) in the old room on the old day, marked as moved away with where it went;
 * in the new room on the new day, saying where it came from; on both days' changes boards; and in the staff
 * week timetable of its group, on both days. Passes the answers through the contract's schemas on the way.
 */
export function expectShownOnBothDays(db: CacheDb, m: MovedLesson): void {
  const kiosk = createKioskBoard(db, () => m.zone);
  const room = (board: NowNextBoard, code: string) => board.rooms.find((r) => r.room.code === code);

  const before = NowNextBoard.parse(kiosk.nowNext(m.left.at));
  const left = room(before, m.left.room)?.now;
  expect(left, `the old room ${m.left.room} on the old day`).toBeTruthy();
  expect(left!.change.cancelled, 'nothing is held in the old slot').toBe(true);
  expect(left!.change.movedTo).toMatchObject({
    start: m.arrived.start,
    rooms: [m.arrived.room],
    ...(m.arrived.periodFrom !== undefined ? { periodFrom: m.arrived.periodFrom } : {}),
  });

  const after = NowNextBoard.parse(kiosk.nowNext(m.arrived.at));
  const arrived = room(after, m.arrived.room)?.now;
  expect(arrived, `the new room ${m.arrived.room} on the new day`).toBeTruthy();
  expect(arrived!.change.cancelled).toBe(false);
  expect(arrived!.change.previousStart, 'the new slot says where it came from').toBe(left!.start);

  const changes = createChangesBoard(db, () => m.zone);
  const changedOn = (at: number) => ChangesBoard.parse(changes(at, false)).days[0]!.groups.find((g) => g.group === m.group)?.lessons ?? [];
  expect(changedOn(m.left.at).map((l) => l.id), 'the old day\'s changes board').toContain(left!.id);
  expect(changedOn(m.arrived.at).map((l) => l.id), 'the new day\'s changes board').toContain(arrived!.id);

  const timetables = createTimetables(db, () => m.zone);
  const weekOf = (at: number): Lesson[] => {
    const day = localDateOf(at, m.zone);
    const monday = mondayOf(day);
    return timetables.week('group', m.group, monday, m.group).lessons;
  };
  expect(weekOf(m.left.at).find((l) => l.id === left!.id)?.change.movedTo, 'the staff timetable, old day').toBeTruthy();
  expect(weekOf(m.arrived.at).find((l) => l.id === arrived!.id)?.change.previousStart, 'the staff timetable, new day').toBe(left!.start);
}

function mondayOf(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}
