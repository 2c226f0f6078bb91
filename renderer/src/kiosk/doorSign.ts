import type { RoomDay } from '@shared/contract';
import type { Lesson } from '@shared/domain/lesson';
import type { Instant, LocalDate } from '@shared/domain/time';
import { pickNowNext, takesPlaceIn } from '@shared/timetable/nowNext';
import { localDateOf } from '@shared/timetable/zonedTime';

/** What a door sign shows at one instant. */
export interface DoorSignView {
  /** The lesson on now: held here, or (struck through, with where it went) cancelled or moved away. */
  now: Lesson | null;
  /** Whether `now` really takes place in this room: only then are time left and progress shown. */
  nowHeldHere: boolean;
  /** The next lesson: later today, or on the next school day once today has no more. */
  next: Lesson | null;
  /** After `next`, on the same day. */
  later: Lesson[];
  /** Today has no lessons left after the one on now: `next` and `later` belong to `nextDay`. */
  dayOver: boolean;
  /** The school day `next` falls on when the day is over (weekends and holidays already skipped by the core). */
  nextDay: LocalDate | null;
  /** The room is free now and a lesson follows today: "vrij tot 11:15". */
  freeUntil: Instant | null;
}

/**
 * The lessons for the school-zone date of `at`, and those of the next school day. After midnight, before the page
 * has asked again, yesterday's answer still knows today's lessons as its `nextDayLessons`: the sign stays right offline.
 */
function daysAround(day: RoomDay, today: LocalDate): { lessons: Lesson[]; upcomingDay: LocalDate | null; upcoming: Lesson[] } {
  if (day.day === today) return { lessons: day.lessons, upcomingDay: day.nextDay, upcoming: day.nextDayLessons };
  if (day.nextDay === today) return { lessons: day.nextDayLessons, upcomingDay: null, upcoming: [] };
  if (day.day > today) return { lessons: [], upcomingDay: day.day, upcoming: day.lessons };
  const ahead = day.nextDay !== null && day.nextDay > today;
  return { lessons: [], upcomingDay: ahead ? day.nextDay : null, upcoming: ahead ? day.nextDayLessons : [] };
}

const byStart = (a: Lesson, b: Lesson) => a.start - b.start || a.end - b.end;

/** Now, next and the rest of the day for one room, worked out from its day on every tick, so it flips to the second. */
export function doorSignView(day: RoomDay, at: Instant, zone: string): DoorSignView {
  const code = day.room.code;
  const heldHere = takesPlaceIn(code);
  const { lessons, upcomingDay, upcoming } = daysAround(day, localDateOf(at, zone));
  const { now, next: nextToday } = pickNowNext(lessons, at, heldHere);
  if (nextToday) {
    const later = lessons.filter((l) => l !== now && l !== nextToday && l.start >= nextToday.start).sort(byStart);
    return {
      now, nowHeldHere: now !== null && heldHere(now), next: nextToday, later, dayOver: false, nextDay: null,
      freeUntil: now === null ? nextToday.start : null,
    };
  }
  const sorted = [...upcoming].sort(byStart);
  // The first lesson of that day that takes place here, if any, opens it; the rest follow in time order.
  const first = pickNowNext(sorted, Number.MIN_SAFE_INTEGER, heldHere).next ?? sorted[0] ?? null;
  return {
    now, nowHeldHere: now !== null && heldHere(now), next: first, later: sorted.filter((l) => l !== first),
    dayOver: true, nextDay: first ? upcomingDay : null, freeUntil: null,
  };
}

/** How far the lesson is, 0..1. */
export function lessonProgress(lesson: Lesson, at: Instant): number {
  const span = lesson.end - lesson.start;
  return span <= 0 ? 1 : Math.min(1, Math.max(0, (at - lesson.start) / span));
}

/** The same view as last time when nothing in it changed, so a tick re-renders only what moves (time left). */
export function sameView(a: DoorSignView | null, b: DoorSignView): boolean {
  return a !== null && a.now === b.now && a.next === b.next && a.dayOver === b.dayOver && a.nextDay === b.nextDay &&
    a.freeUntil === b.freeUntil && a.nowHeldHere === b.nowHeldHere && a.later.length === b.later.length &&
    a.later.every((l, i) => l === b.later[i]);
}
