import type { Lesson } from '@shared/domain';
import { SourceError } from './errors';
import type { Delta, Snapshot } from './snapshot';

const MAX_LESSON_MS = 12 * 3_600_000;

function checkLesson(lesson: Lesson, seen: Set<string>): string | null {
  if (seen.has(lesson.id)) return `lesson id ${lesson.id} occurs twice`;
  seen.add(lesson.id);
  if (!(lesson.end > lesson.start)) return `lesson ${lesson.id} ends before it starts`;
  if (lesson.end - lesson.start > MAX_LESSON_MS) return `lesson ${lesson.id} lasts longer than 12 hours`;
  return null;
}

/**
 * The last line of defence before a write: sources validate the upstream's own format; this checks that what they
 * made of it is fit to replace what the cache holds. An empty timetable never replaces a full one.
 */
export function checkSnapshot(snapshot: Snapshot): void {
  if (snapshot.rooms.length === 0) throw new SourceError('UPSTREAM_EMPTY', 'The source returned no rooms; the cached timetable was kept.');
  if (snapshot.lessons.length === 0) throw new SourceError('UPSTREAM_EMPTY', 'The source returned no lessons; the cached timetable was kept.');
  if (snapshot.window.from > snapshot.window.to) throw new SourceError('UPSTREAM_INVALID', `The source's date range ${snapshot.window.from}..${snapshot.window.to} is backwards.`);
  const seen = new Set<string>();
  for (const lesson of snapshot.lessons) {
    const problem = checkLesson(lesson, seen);
    if (problem) throw new SourceError('UPSTREAM_INVALID', `The source sent an impossible lesson (${problem}); the cached timetable was kept.`);
    if (lesson.day < snapshot.window.from || lesson.day > snapshot.window.to) {
      throw new SourceError('UPSTREAM_INVALID', `Lesson ${lesson.id} on ${lesson.day} lies outside the range the source said it covers.`);
    }
  }
}

export function checkDelta(delta: Delta): void {
  const seen = new Set<string>();
  for (const lesson of delta.upsertLessons) {
    const problem = checkLesson(lesson, seen);
    if (problem) throw new SourceError('UPSTREAM_INVALID', `The source sent an impossible lesson (${problem}); the cached timetable was kept.`);
  }
}
