import type { Instant } from '@shared/domain/time';
import { operatingState } from '@shared/display/operatingHours';
import type { DisplaySchedule } from './powerPolicy';

// When a kiosk tidies up after itself, so that weeks of running need no restart: Chromium's HTTP cache, Cache
// Storage, service workers and the GPU shader cache are cleared, and, while the screen is black anyway, the page is
// loaded afresh (a new document: whatever its heap or DOM accumulated is gone). Pure; kioskSchedule.ts runs it.
//
// Not a nightly relaunch of the app: a relaunch restarts the core, its sync and the GPU process for what a page
// reload and cache clearing already give, and the kiosk bench checks that the page itself holds steady.

export interface MaintenancePolicy {
  /** The first run after start. */
  firstAfterMs: number;
  /** Between runs. */
  everyMs: number;
  /** How long a due run may wait for a quiet moment (the screen off for a while). */
  maxPostponeMs: number;
  /** When waiting for the screen to switch off, run this long after it did. */
  afterSwitchOffMs: number;
  /** A quiet moment lasts at least this long before the screen switches on again. */
  minQuietMs: number;
}

export const defaultMaintenancePolicy: MaintenancePolicy = {
  firstAfterMs: 60 * 60_000,
  everyMs: 24 * 60 * 60_000,
  maxPostponeMs: 12 * 60 * 60_000,
  afterSwitchOffMs: 10 * 60_000,
  minQuietMs: 30 * 60_000,
};

export interface MaintenanceDecision {
  runNow: boolean;
  /** Load the page afresh too: only when the screen is off, so nobody sees it. */
  reloadPage: boolean;
  /** When not running now: the planned moment, to look again then. */
  nextAt: Instant;
}

/** The screen is black at `at` (an always-on profile never is). */
function isOff(schedule: DisplaySchedule, at: Instant): boolean {
  return schedule.hours !== null && !operatingState(schedule.hours, at, schedule.zone, schedule.holidays).on;
}

/**
 * The first quiet moment from `from` up to `until`, or null when there is none: the screen has been off for
 * `afterSwitchOffMs` and stays off for at least `minQuietMs`.
 */
export function nextQuietMoment(
  schedule: DisplaySchedule,
  from: Instant,
  until: Instant,
  policy: MaintenancePolicy = defaultMaintenancePolicy,
): Instant | null {
  const { hours, zone, holidays } = schedule;
  if (!hours) return null;
  let t = from;
  // Each step passes at least one switch of the hours; a handful covers any 12-hour window.
  for (let step = 0; step < 16 && t <= until; step++) {
    const state = operatingState(hours, t, zone, holidays);
    const before = operatingState(hours, t - policy.afterSwitchOffMs, zone, holidays);
    if (state.on || before.on) {
      // On, or switched off only just: a little after the (next) switch-off.
      const switchOff = state.on ? state.changesAt : before.changesAt;
      if (switchOff === null) return null;
      t = Math.max(t, switchOff + policy.afterSwitchOffMs);
    } else if (state.changesAt === null || state.changesAt - t >= policy.minQuietMs) {
      return t;
    } else {
      // Off, but on again too soon: look past the next on-period.
      t = state.changesAt;
    }
  }
  return null;
}

/**
 * Whether to run now. A run is due at `dueAt`; it waits for the next quiet moment, for at most `maxPostponeMs`.
 * When no quiet moment comes within that (an always-on screen, a very long day), it runs when due: clearing
 * caches does not disturb the page, and the page is then left alone.
 */
export function maintenanceDecision(
  input: { dueAt: Instant; now: Instant; schedule: DisplaySchedule },
  policy: MaintenancePolicy = defaultMaintenancePolicy,
): MaintenanceDecision {
  const { dueAt, now, schedule } = input;
  const latest = dueAt + policy.maxPostponeMs;
  const quietAt = nextQuietMoment(schedule, Math.max(now, dueAt), latest, policy);
  if (now < dueAt) return { runNow: false, reloadPage: false, nextAt: quietAt ?? dueAt };
  if (quietAt === null || quietAt <= now || now >= latest) {
    return { runNow: true, reloadPage: isOff(schedule, now), nextAt: now };
  }
  return { runNow: false, reloadPage: false, nextAt: quietAt };
}
