import { generateDemoSchool } from '../../../electron/core/demo';
import type { Snapshot } from '../../../electron/core/sync/snapshot';
import type { Lesson } from '@shared/domain/lesson';
import { instantAt, localTimeOf } from '@shared/timetable/zonedTime';

/** What the web host syncs with no source configured: the standard demo school, in the default zone. */
export const DEMO_SIZE = 'standard';
export const ZONE = 'Europe/Amsterdam';

const cache = new Map<number, Snapshot>();

/** The demo school as the web host generates it when its core clock starts at `now` (same size, seed, zone, scope). */
export function demoSchoolAt(now: number): Snapshot {
  let snapshot = cache.get(now);
  if (!snapshot) cache.set(now, (snapshot = generateDemoSchool({ size: DEMO_SIZE, now, zone: ZONE, scope: 'kiosk' })));
  return snapshot;
}

/** An instant from a school-zone date and wall time in minutes, e.g. at('2026-11-24', '09:15'). */
export function at(date: string, time: string): number {
  return instantAt(date, time, ZONE);
}

export const hhmm = (instant: number) => localTimeOf(instant, ZONE);

/** The ISO form the web host's --now takes, with the zone's offset. */
export function isoInstant(instant: number): string {
  return new Date(instant).toISOString();
}

/** Lessons held in the room at that instant: the plain expectation, independent of the page's own logic. */
export function heldIn(snapshot: Snapshot, room: string, instant: number): Lesson[] {
  return snapshot.lessons.filter((l) => l.rooms.includes(room) && l.start <= instant && instant < l.end);
}

/** Every lesson that concerns a room's sign at that instant: held there, or moved away from it. */
export function concerning(snapshot: Snapshot, room: string, instant: number): Lesson[] {
  return snapshot.lessons.filter(
    (l) => (l.rooms.includes(room) || l.change.previousRooms.includes(room)) && l.start <= instant && instant < l.end,
  );
}

export const isPlain = (lesson: Lesson) =>
  !lesson.change.cancelled && !lesson.change.added && lesson.change.previousRooms.length === 0 &&
  lesson.change.previousTeachers.length === 0 && lesson.change.previousStart === null;
