import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, vi } from 'vitest';
import { setApi } from '../api';
import { useClockStore } from '../stores/clock';
import { at } from './builders';
import { FakeTransport } from './fakeTransport';

/**
 * Fake timers for each test in the calling block, and the fake core let go after each. The clock store counts the
 * core's time between readings with `performance.now()`, so `clock` fakes that and `Date` along with the timers;
 * `default` is vitest's own set, for tests that never start the clock.
 */
export function fakeTimersEachTest(timers: 'clock' | 'default' = 'clock'): void {
  beforeEach(() => {
    if (timers === 'clock') vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance', 'Date'] });
    else vi.useFakeTimers();
  });
  afterEach(() => {
    setApi(null);
    vi.useRealTimers();
  });
}

/** A fresh Pinia that talks to `fake`, for a store test. */
export function freshCore(fake = new FakeTransport()): FakeTransport {
  setApi(fake);
  setActivePinia(createPinia());
  return fake;
}

/** The clock store running at real speed from `time` on the test day. */
export function startClock(time: string) {
  const clock = useClockStore();
  clock.start();
  clock.adopt({ now: at(time), rate: 1 });
  return clock;
}
