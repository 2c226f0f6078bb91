import { watch } from 'vue';
import type { Instant } from '@shared/domain/time';
import { api } from '../api';

/**
 * Fetch helpers the kiosk's data stores share. A screen runs for weeks: every timer here is owned by the store that
 * made it and cancelled when it stops, and a fetch never runs twice at once.
 */

/** Waits before asking again after a failed fetch; the last good data stays on screen meanwhile. */
export const RETRY_MS = [5_000, 15_000, 30_000, 60_000] as const;

/**
 * Runs `fetchOnce` one at a time; a call made while one is under way runs once more after it, so that a change
 * announced during a fetch is never missed.
 */
export function serialLoader(fetchOnce: () => Promise<void>): () => Promise<void> {
  let inFlight: Promise<void> | null = null;
  let askAgain = false;
  return () => {
    if (inFlight) {
      askAgain = true;
      return inFlight;
    }
    inFlight = (async () => {
      try {
        do {
          askAgain = false;
          await fetchOnce();
        } while (askAgain);
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  };
}

/** After a failure, `run` again after a growing wait (the last repeating); one timer at a time. */
export function retrier(run: () => void, delays: readonly number[] = RETRY_MS) {
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    failed() {
      if (timer) return;
      const wait = delays[Math.min(failures, delays.length - 1)] ?? 60_000;
      failures += 1;
      timer = setTimeout(() => {
        timer = null;
        run();
      }, wait);
    },
    succeeded() {
      failures = 0;
      cancel();
    },
    cancel,
  };
}

/**
 * Keeps a running store's data fresh: `load` when the core says its data changed, `onTick` on every clock tick (for
 * what is due at an instant: a new day, an announcement's start), and `load` every `refreshMs` as a safety net
 * besides the events. `stop` ends all three.
 */
export function dataFollower(options: {
  now: () => Instant | null;
  load: () => Promise<void>;
  onTick: (now: Instant) => void;
  refreshMs: number;
}) {
  const stops: (() => void)[] = [];
  return {
    start() {
      stops.push(api.on('data.changed', () => void options.load()));
      stops.push(watch(options.now, (now) => now !== null && options.onTick(now)));
      const refreshTimer = setInterval(() => void options.load(), options.refreshMs);
      stops.push(() => clearInterval(refreshTimer));
    },
    stop() {
      for (const fn of stops.splice(0)) fn();
    },
  };
}
