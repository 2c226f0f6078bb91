import type { Lesson } from '../domain/lesson';
import type { Instant } from '../domain/time';

export interface NowNext {
  /** The lesson running at the instant, if any. A cancelled one still shows (struck through) unless another runs. */
  now: Lesson | null;
  /** The first lesson that starts after the instant (after `now` ends, when one runs). */
  next: Lesson | null;
}

/** Does the lesson really take place (here)? Cancelled lessons, and lessons moved out of the room asked about, do not. */
export type TakesPlace = (lesson: Lesson) => boolean;

const notCancelled: TakesPlace = (lesson) => !lesson.change.cancelled;

/** A predicate for one room's sign: lessons that moved away from it are shown, but give way to ones that are held there. */
export function takesPlaceIn(roomCode: string): TakesPlace {
  return (lesson) => !lesson.change.cancelled && lesson.rooms.includes(roomCode);
}

/**
 * Now and next for one room from its lessons (any order). When two overlap, the one that takes place wins over
 * a cancelled or moved-away one, which would otherwise hide what is really on.
 */
export function pickNowNext(lessons: readonly Lesson[], at: Instant, takesPlace: TakesPlace = notCancelled): NowNext {
  const byPreference = (a: Lesson, b: Lesson) => Number(takesPlace(b)) - Number(takesPlace(a)) || a.start - b.start;
  let now: Lesson | null = null;
  for (const lesson of lessons) {
    if (lesson.start <= at && at < lesson.end && (!now || byPreference(lesson, now) < 0)) now = lesson;
  }
  const after = now ? Math.max(now.end, at) : at;
  let next: Lesson | null = null;
  for (const lesson of lessons) {
    if (lesson === now || lesson.start < after) continue;
    if (!next || lesson.start < next.start || (lesson.start === next.start && byPreference(lesson, next) < 0)) next = lesson;
  }
  return { now, next };
}

/** The first instant after `at` at which any of these lessons starts or ends: when now/next must be worked out again. */
export function nextBoundary(lessons: Iterable<Lesson>, at: Instant): Instant | null {
  let best: Instant | null = null;
  for (const lesson of lessons) {
    for (const t of [lesson.start, lesson.end]) if (t > at && (best === null || t < best)) best = t;
  }
  return best;
}
