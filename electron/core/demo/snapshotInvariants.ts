import type { Lesson } from '@shared/domain';
import type { Snapshot } from '../sync/snapshot';

/*
 * Checks the demo's tests make on whole snapshots. Kept out of the test files because the standard and the
 * large school are checked in different files (the large one with a longer timeout).
 */

/** Lessons that take place (not cancelled) at overlapping times for the same room or teacher. */
export function doubleBookings(lessons: readonly Lesson[], codesOf: (lesson: Lesson) => readonly string[]): string[] {
  const byCode = new Map<string, Lesson[]>();
  for (const lesson of lessons) {
    if (lesson.change.cancelled) continue;
    for (const code of codesOf(lesson)) {
      let list = byCode.get(code);
      if (!list) byCode.set(code, (list = []));
      list.push(lesson);
    }
  }
  const problems: string[] = [];
  for (const [code, list] of byCode) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1] as Lesson;
      const cur = list[i] as Lesson;
      if (cur.start < prev.end) problems.push(`${code}: ${prev.id} and ${cur.id}`);
    }
  }
  return problems;
}

/** Codes that lessons or pupils use but the snapshot's lists do not hold. */
export function danglingCodes(snapshot: Snapshot): string[] {
  const rooms = new Set(snapshot.rooms.map((r) => r.code));
  const groups = new Set(snapshot.groups.map((g) => g.code));
  const subjects = new Set(snapshot.subjects.map((s) => s.code));
  const teachers = new Set(snapshot.teachers.map((t) => t.code));
  const missing = new Set<string>();
  const check = (set: Set<string>, what: string, codes: readonly string[]) => {
    for (const code of codes) if (!set.has(code)) missing.add(`${what} ${code}`);
  };
  for (const l of snapshot.lessons) {
    check(rooms, 'room', l.rooms);
    check(rooms, 'room', l.change.previousRooms);
    check(groups, 'group', l.groups);
    check(subjects, 'subject', l.subjects);
    check(teachers, 'teacher', l.teachers);
    check(teachers, 'teacher', l.change.previousTeachers);
  }
  for (const p of snapshot.pupils) check(groups, 'group', p.groups);
  return [...missing];
}

export function countWhere(lessons: readonly Lesson[], test: (lesson: Lesson) => boolean): number {
  let n = 0;
  for (const l of lessons) if (test(l)) n++;
  return n;
}
