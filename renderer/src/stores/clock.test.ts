import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { at } from '../testing/builders';
import { fakeTimersEachTest, freshCore } from '../testing/fakeCore';
import type { FakeTransport } from '../testing/fakeTransport';
import { CLOCK_RESYNC_MS, useClockStore } from './clock';

describe('useClockStore', () => {
  fakeTimersEachTest();
  let fake: FakeTransport;
  beforeEach(() => {
    fake = freshCore();
  });
  afterEach(() => {
    useClockStore().stop();
  });

  it('ticks the core clock locally once a second, not the wall clock', () => {
    const clock = useClockStore();
    clock.start();
    clock.adopt({ now: at('09:14:59'), rate: 1 });
    expect(clock.now).toBe(at('09:14:59'));
    vi.advanceTimersByTime(1010);
    expect(Math.floor((clock.now ?? 0) / 1000) * 1000).toBe(at('09:15'));
    vi.advanceTimersByTime(60 * 1000);
    expect(Math.floor((clock.now ?? 0) / 1000) * 1000).toBe(at('09:16'));
  });

  it('lands each tick just after a whole core second, so a boundary shows at its own second', () => {
    const clock = useClockStore();
    clock.start();
    clock.adopt({ now: at('09:14:59') + 400, rate: 1 });
    vi.advanceTimersByTime(620);
    expect(clock.now).toBeGreaterThanOrEqual(at('09:15'));
    expect(clock.now).toBeLessThan(at('09:15') + 50);
  });

  it('runs at the core rate', () => {
    const clock = useClockStore();
    clock.start();
    clock.adopt({ now: at('09:00'), rate: 60 });
    vi.advanceTimersByTime(1000);
    expect(clock.read()).toBe(at('09:01'));
  });

  it('resyncs with clock.now every minute and keeps ticking when that fails', async () => {
    const clock = useClockStore();
    fake.respond('clock.now', { now: at('10:00'), rate: 1 });
    clock.start();
    clock.adopt({ now: at('09:15'), rate: 1 });
    await vi.advanceTimersByTimeAsync(CLOCK_RESYNC_MS);
    expect(fake.callsOf('clock.now')).toHaveLength(1);
    expect(clock.read()).toBeGreaterThanOrEqual(at('10:00'));

    fake.fail('clock.now');
    await vi.advanceTimersByTimeAsync(CLOCK_RESYNC_MS);
    expect(clock.read()).toBeGreaterThanOrEqual(at('10:01'));
  });

  it('stops ticking when stopped', () => {
    const clock = useClockStore();
    clock.start();
    clock.adopt({ now: at('09:15'), rate: 1 });
    clock.stop();
    vi.advanceTimersByTime(5000);
    expect(clock.now).toBe(at('09:15'));
  });
});
