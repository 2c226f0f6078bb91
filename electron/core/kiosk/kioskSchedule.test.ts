import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OperatingHours } from '@shared/domain/display';
import { manualClock } from '../clock';
import { memoryLogger } from '../logger';
import { type KioskSchedule, startKioskSchedule, timerDelay } from './kioskSchedule';
import type { DisplaySchedule } from './powerPolicy';

const zone = 'Europe/Amsterdam';
const at = (iso: string) => Date.parse(iso);
const minute = 60_000;
const schoolDays = OperatingHours.parse({ days: [1, 2, 3, 4, 5], from: '07:30', to: '17:00' });

describe('timerDelay', () => {
  const limits = { minMs: 250, maxWaitMs: 5 * minute };
  it('waits until the target, within the limits', () => {
    expect(timerDelay(10_000, 0, 1, limits)).toBe(10_000);
    expect(timerDelay(null, 0, 1, limits)).toBe(5 * minute);
    expect(timerDelay(10 * 3_600_000, 0, 1, limits)).toBe(5 * minute);
    expect(timerDelay(5, 0, 1, limits)).toBe(250);
    expect(timerDelay(-60_000, 0, 1, limits)).toBe(250);
  });

  it('runs faster with an accelerated core clock', () => {
    expect(timerDelay(60_000, 0, 60, limits)).toBe(1_000);
  });
});

describe('startKioskSchedule', () => {
  let schedule: KioskSchedule | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    schedule?.stop();
    vi.useRealTimers();
  });

  /** A kiosk whose core clock moves with the fake timers (as the real one does) unless a test jumps it. */
  function kiosk(start: string, hours: OperatingHours | null = schoolDays, options: { failAtFirst?: boolean } = {}) {
    const clock = manualClock(at(start));
    let realBefore = Date.now();
    const tick = () => {
      clock.advance(Date.now() - realBefore);
      realBefore = Date.now();
    };
    const setup: { current: DisplaySchedule; fail: boolean } = { current: { profileId: 'gang-b1', hours, zone, holidays: [] }, fail: options.failAtFirst ?? false };
    const power: { awake: boolean; at: string }[] = [];
    const maintenance: { reloadPage: boolean; at: string }[] = [];
    const log = memoryLogger();
    schedule = startKioskSchedule({
      clock: { rate: 1, now: () => (tick(), clock.now()) },
      log,
      read: async () => {
        if (setup.fail) throw new Error('the core is still starting');
        return setup.current;
      },
      onPower: (d) => power.push({ awake: d.keepDisplayAwake, at: new Date(clock.now()).toISOString() }),
      maintain: async (plan) => {
        maintenance.push({ reloadPage: plan.reloadPage, at: new Date(clock.now()).toISOString() });
      },
    });
    return { clock, setup, power, maintenance, log, schedule };
  }

  it('holds the display awake during the hours and lets go at the second they end', async () => {
    const k = kiosk('2026-11-24T16:50:00+01:00');
    await vi.advanceTimersByTimeAsync(0);
    expect(k.power).toEqual([{ awake: true, at: '2026-11-24T15:50:00.000Z' }]);
    await vi.advanceTimersByTimeAsync(10 * minute - 1);
    expect(k.power).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(k.power.at(-1)).toEqual({ awake: false, at: '2026-11-24T16:00:00.000Z' });
  });

  it('takes the display awake again the next morning, re-checking every 5 minutes through the night', async () => {
    const k = kiosk('2026-11-24T17:30:00+01:00');
    await vi.advanceTimersByTimeAsync(0);
    expect(k.power).toEqual([{ awake: false, at: '2026-11-24T16:30:00.000Z' }]);
    await vi.advanceTimersByTimeAsync(14 * 60 * minute);
    expect(k.power.at(-1)).toEqual({ awake: true, at: '2026-11-25T06:30:00.000Z' });
  });

  it('notices a clock that jumps past the switch within 5 minutes', async () => {
    const k = kiosk('2026-11-24T10:00:00+01:00');
    await vi.advanceTimersByTimeAsync(0);
    expect(k.power.at(-1)?.awake).toBe(true);
    // The wall clock is corrected forwards by 8 hours (a kiosk whose RTC was wrong until NTP answered).
    k.clock.advance(8 * 60 * minute);
    await vi.advanceTimersByTimeAsync(5 * minute);
    expect(k.power.at(-1)?.awake).toBe(false);
    // And back again.
    k.clock.advance(-8 * 60 * minute);
    await vi.advanceTimersByTimeAsync(5 * minute);
    expect(k.power.at(-1)?.awake).toBe(true);
  });

  it('follows a profile change at once on refresh', async () => {
    const k = kiosk('2026-11-24T19:00:00+01:00');
    await vi.advanceTimersByTimeAsync(0);
    expect(k.power).toEqual([{ awake: false, at: '2026-11-24T18:00:00.000Z' }]);
    k.setup.current = { ...k.setup.current, profileId: 'aula', hours: OperatingHours.parse({ days: [1, 2, 3, 4, 5], from: '07:00', to: '22:00' }) };
    k.schedule.refresh();
    await vi.advanceTimersByTimeAsync(0);
    expect(k.power.at(-1)).toEqual({ awake: true, at: '2026-11-24T18:00:00.000Z' });
    // ... and its new end: 22:00.
    await vi.advanceTimersByTimeAsync(3 * 60 * minute);
    expect(k.power.at(-1)).toEqual({ awake: false, at: '2026-11-24T21:00:00.000Z' });
  });

  it('keeps the screen lit while the hours cannot be read, and tries again', async () => {
    const k = kiosk('2026-11-24T19:00:00+01:00', schoolDays, { failAtFirst: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(k.power).toEqual([{ awake: true, at: '2026-11-24T18:00:00.000Z' }]);
    expect(k.log.lines.some((l) => l.event === 'kiosk.schedule-unreadable')).toBe(true);
    k.setup.fail = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(k.power.at(-1)?.awake).toBe(false);
  });

  it('runs maintenance at the first quiet moment an hour after start, then daily', async () => {
    const k = kiosk('2026-11-24T10:00:00+01:00');
    await vi.advanceTimersByTimeAsync(0);
    expect(k.maintenance).toEqual([]);
    await vi.advanceTimersByTimeAsync((7 * 60 + 10) * minute);
    expect(k.maintenance).toEqual([{ reloadPage: true, at: '2026-11-24T16:10:00.000Z' }]);
    await vi.advanceTimersByTimeAsync(24 * 60 * minute);
    expect(k.maintenance).toEqual([{ reloadPage: true, at: '2026-11-24T16:10:00.000Z' }, { reloadPage: true, at: '2026-11-25T16:10:00.000Z' }]);
  });

  it('an always-on screen clears its caches an hour after start without reloading its page', async () => {
    const k = kiosk('2026-11-24T10:00:00+01:00', null);
    await vi.advanceTimersByTimeAsync(60 * minute);
    expect(k.maintenance).toEqual([{ reloadPage: false, at: '2026-11-24T10:00:00.000Z' }]);
    expect(k.power).toEqual([{ awake: true, at: '2026-11-24T09:00:00.000Z' }]);
  });

  it('does nothing more once stopped', async () => {
    const k = kiosk('2026-11-24T16:50:00+01:00');
    await vi.advanceTimersByTimeAsync(0);
    k.schedule.stop();
    await vi.advanceTimersByTimeAsync(24 * 60 * minute);
    expect(k.power).toHaveLength(1);
    expect(k.maintenance).toEqual([]);
  });
});
