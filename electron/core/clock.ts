import type { Instant } from '@shared/domain/time';

/**
 * The core's idea of now. Hosts may start it at a chosen instant (`--now`) and run it faster (`--clock-rate`),
 * so a test or an admin preview can see any moment of the school week; pages follow it through `clock.now`.
 */
export interface Clock {
  now(): Instant;
  readonly rate: number;
}

export const systemClock: Clock = { now: () => Date.now(), rate: 1 };

export function shiftedClock(start: Instant, rate = 1, realNow: () => number = Date.now): Clock {
  if (!(rate > 0)) throw new RangeError('clock rate must be positive');
  const realStart = realNow();
  return { rate, now: () => Math.floor(start + (realNow() - realStart) * rate) };
}

/** A clock a test moves by hand. */
export function manualClock(start: Instant): Clock & { set(t: Instant): void; advance(ms: number): void } {
  let t = start;
  return { rate: 1, now: () => t, set: (v) => { t = v; }, advance: (ms) => { t += ms; } };
}
