import { describe, expect, it } from 'vitest';
import { OperatingHours } from '@shared/domain/display';
import { defaultMaintenancePolicy as policy, maintenanceDecision, nextQuietMoment } from './maintenancePolicy';
import type { DisplaySchedule } from './powerPolicy';

const zone = 'Europe/Amsterdam';
const at = (iso: string) => Date.parse(iso);
const hour = 3_600_000;
const schoolDays = OperatingHours.parse({ days: [1, 2, 3, 4, 5], from: '07:30', to: '17:00' });
const schedule = (hours: OperatingHours | null): DisplaySchedule => ({ profileId: 'gang-b1', hours, zone, holidays: [] });

describe('maintenanceDecision', () => {
  it('waits until due', () => {
    const d = maintenanceDecision({ dueAt: at('2026-11-24T12:00:00+01:00'), now: at('2026-11-24T11:00:00+01:00'), schedule: schedule(null) });
    expect(d).toEqual({ runNow: false, reloadPage: false, nextAt: at('2026-11-24T12:00:00+01:00') });
  });

  it('runs an always-on screen when due, without reloading its page', () => {
    const now = at('2026-11-24T12:00:00+01:00');
    expect(maintenanceDecision({ dueAt: now, now, schedule: schedule(null) })).toEqual({ runNow: true, reloadPage: false, nextAt: now });
  });

  it('postpones a run due during school hours until 10 minutes after the screen went off, then reloads the page', () => {
    const dueAt = at('2026-11-24T10:00:00+01:00');
    const waiting = maintenanceDecision({ dueAt, now: dueAt, schedule: schedule(schoolDays) });
    expect(waiting).toEqual({ runNow: false, reloadPage: false, nextAt: at('2026-11-24T17:10:00+01:00') });
    expect(maintenanceDecision({ dueAt, now: waiting.nextAt, schedule: schedule(schoolDays) })).toEqual({
      runNow: true,
      reloadPage: true,
      nextAt: waiting.nextAt,
    });
  });

  it('plans ahead: before it is due, the next check is the quiet moment after it', () => {
    const d = maintenanceDecision({ dueAt: at('2026-11-24T10:00:00+01:00'), now: at('2026-11-24T08:00:00+01:00'), schedule: schedule(schoolDays) });
    expect(d).toEqual({ runNow: false, reloadPage: false, nextAt: at('2026-11-24T17:10:00+01:00') });
  });

  it('runs at once when due while the screen is off for the night or the weekend', () => {
    const saturday = at('2026-11-28T12:00:00+01:00');
    expect(maintenanceDecision({ dueAt: saturday, now: saturday, schedule: schedule(schoolDays) })).toEqual({
      runNow: true,
      reloadPage: true,
      nextAt: saturday,
    });
  });

  it('does not start just before the screen comes on: 07:20 waits for the evening', () => {
    const dueAt = at('2026-11-24T07:20:00+01:00');
    expect(maintenanceDecision({ dueAt, now: dueAt, schedule: schedule(schoolDays) }).nextAt).toBe(at('2026-11-24T17:10:00+01:00'));
  });

  it('waits at most 12 hours: a long day runs when due, and leaves the lit page alone', () => {
    const longDay = OperatingHours.parse({ days: [1, 2, 3, 4, 5], from: '06:00', to: '22:00' });
    const dueAt = at('2026-11-24T06:30:00+01:00');
    expect(maintenanceDecision({ dueAt, now: dueAt, schedule: schedule(longDay) })).toEqual({ runNow: true, reloadPage: false, nextAt: dueAt });
    // Late by more than the postponement (the machine slept): run now.
    const late = dueAt + 13 * hour;
    expect(maintenanceDecision({ dueAt, now: late, schedule: schedule(schoolDays) }).runNow).toBe(true);
  });

  it('settles into a daily run shortly after switch-off, weekend included', () => {
    let dueAt = at('2026-11-23T09:00:00+01:00');
    const runs: string[] = [];
    let now = dueAt;
    for (let i = 0; i < 8; i++) {
      const d = maintenanceDecision({ dueAt, now, schedule: schedule(schoolDays) });
      if (d.runNow) {
        runs.push(new Date(now).toISOString());
        dueAt = now + policy.everyMs;
        now = dueAt;
      } else {
        now = d.nextAt;
      }
    }
    // Monday's run waits for the evening; from then on every evening at 17:10, the weekend included.
    expect(runs).toEqual(['23', '24', '25', '26', '27', '28', '29'].map((d) => `2026-11-${d}T16:10:00.000Z`));
  });
});

describe('nextQuietMoment', () => {
  it('has none for an always-on screen, and none beyond the limit', () => {
    expect(nextQuietMoment(schedule(null), 0, Number.MAX_SAFE_INTEGER)).toBeNull();
    const from = at('2026-11-24T08:00:00+01:00');
    expect(nextQuietMoment(schedule(schoolDays), from, from + 2 * hour)).toBeNull();
  });
});
