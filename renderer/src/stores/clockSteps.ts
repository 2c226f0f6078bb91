import { computed, type ComputedRef, shallowRef, watch } from 'vue';
import type { Instant, LocalDate } from '@shared/domain/time';
import { addDays, instantAt, localDateOf } from '@shared/timetable/zonedTime';

export interface Step<T> {
  value: T;
  /** The first instant at which the value may differ, or null when only other reactive inputs can change it. */
  until: Instant | null;
}

/**
 * A value that follows the ticking clock but changes only at instants it knows in advance (a lesson's start or
 * end, midnight, an announcement's end). It is worked out again only when the clock reaches `until` (or goes
 * back), not on every tick: a kiosk ticks 86,400 times a day, and most ticks change nothing but the clock face.
 * The clock is watched synchronously, so the new value is there in the very tick that reaches the instant.
 */
export function clockStepped<T>(now: () => Instant | null, evaluate: (at: Instant | null) => Step<T>): ComputedRef<T> {
  const step = shallowRef(0);
  // The instant of the latest tick, kept outside reactivity: reading it must not make the value depend on every tick.
  let at: Instant | null = now();
  /** The instant the current value was worked out for (null: before the clock's first reading), and until when it holds. */
  let evaluated: { from: Instant | null; until: Instant | null } | null = null;
  watch(now, (t) => {
    at = t;
    if (evaluated === null) return; // not worked out yet: it will be, for this instant, when first read
    const { from, until } = evaluated;
    const stale = t === null || from === null || t < from || (until !== null && t >= until);
    if (stale) {
      evaluated = null;
      step.value += 1;
    }
  }, { flush: 'sync' });
  return computed(() => {
    void step.value;
    const result = evaluate(at);
    evaluated = { from: at, until: result.until };
    return result.value;
  });
}

/** The start of the next school-zone day after `at`: when "today" changes. */
export function nextMidnight(at: Instant, zone: string): Instant {
  return instantAt(addDays(localDateOf(at, zone), 1), '00:00', zone);
}

/** A school-zone date as the instants it starts and ends (23 or 25 hours apart on the clock-change days). */
export function dayBounds(date: LocalDate, zone: string): { start: Instant; end: Instant } {
  return { start: instantAt(date, '00:00', zone), end: instantAt(addDays(date, 1), '00:00', zone) };
}

/** The earlier of two instants, null meaning "never". */
export function earliest(a: Instant | null, b: Instant | null): Instant | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
