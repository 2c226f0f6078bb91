import { onBeforeUnmount, onMounted, type MaybeRefOrGetter, toValue, watch } from 'vue';

/** What counts as someone at the keyboard. Pointer moves count: a reader scrolling a timetable with the mouse is there. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export interface IdleLockOptions {
  /** Minutes without input before `onIdle`. */
  minutes: MaybeRefOrGetter<number>;
  /** Only counts while true (signed in). */
  active: MaybeRefOrGetter<boolean>;
  onIdle: () => void;
  /** For tests: the monotonic clock in ms. */
  now?: () => number;
}

/**
 * Locks a shared PC after minutes without input. Activity only stamps a time (cheap on every pointer move); one
 * timer aims at the deadline and, when it fires early or late (a throttled background tab), checks real elapsed time.
 */
export function useIdleLock(options: IdleLockOptions) {
  const now = options.now ?? (() => performance.now());
  let lastInput = now();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const limitMs = () => toValue(options.minutes) * 60_000;

  function stopTimer() {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  function check() {
    timer = null;
    if (!toValue(options.active)) return;
    const left = limitMs() - (now() - lastInput);
    if (left <= 0) {
      options.onIdle();
      return;
    }
    timer = setTimeout(check, left + 50);
  }

  const onInput = () => {
    lastInput = now();
  };

  function restart() {
    lastInput = now();
    stopTimer();
    if (toValue(options.active)) check();
  }

  onMounted(() => {
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onInput, { capture: true, passive: true });
    restart();
  });

  watch(() => [toValue(options.active), toValue(options.minutes)], restart);

  onBeforeUnmount(() => {
    stopTimer();
    for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onInput, { capture: true });
  });

  return { restart };
}
