import type { Instant } from '@shared/domain/time';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { defaultMaintenancePolicy, maintenanceDecision, type MaintenancePolicy } from './maintenancePolicy';
import { type DisplaySchedule, powerDecision, type PowerDecision } from './powerPolicy';

// The kiosk's timed jobs, on the core clock: hold the display awake during operating hours and release it outside
// them, and run cache maintenance at a quiet moment. Plain Node with injected effects: electron/main/kioskRuntime.ts
// supplies powerSaveBlocker and the session; the tests supply fakes and fake timers.
//
// Robust to clock jumps and to changes: one timer is armed at the next switch, but never further ahead than
// `maxWaitMs` (real time), so a wall clock that jumps (NTP after boot, a wrong RTC) or a core clock that was moved
// is caught within minutes; and a new profile, new holidays from a sync or a new zone take effect on `refresh()`.

export interface TimerLimits {
  /** Never sooner than this (real ms): no tight loop around a switch instant. */
  minMs: number;
  /** Never later than this (real ms): re-check even when nothing is due, to catch clock jumps. */
  maxWaitMs: number;
}

export const defaultTimerLimits: TimerLimits = { minMs: 250, maxWaitMs: 5 * 60_000 };

/** Real milliseconds until the core clock reaches `target` (null: nothing planned), within the limits. */
export function timerDelay(target: Instant | null, now: Instant, rate: number, limits: TimerLimits = defaultTimerLimits): number {
  if (target === null) return limits.maxWaitMs;
  const real = Math.ceil((target - now) / rate);
  return Math.min(limits.maxWaitMs, Math.max(limits.minMs, real));
}

export interface KioskScheduleDeps {
  clock: Clock;
  log: Logger;
  /** The active profile's hours, the zone and the holidays; asked again on every check. */
  read(): Promise<DisplaySchedule>;
  /** Called at start and whenever keeping the display awake changes. */
  onPower(decision: PowerDecision, schedule: DisplaySchedule | null): void;
  /** Runs cache maintenance; `reloadPage` when the screen is off. */
  maintain(plan: { reloadPage: boolean }): Promise<void>;
  maintenance?: MaintenancePolicy;
  limits?: TimerLimits;
  /** After a failed read (the core not started yet, a closed cache): try again after this long (real ms). */
  retryAfterErrorMs?: number;
}

export interface KioskSchedule {
  /** Look again now: the profile, holidays or zone may have changed. */
  refresh(): void;
  stop(): void;
}

export function startKioskSchedule(deps: KioskScheduleDeps): KioskSchedule {
  const { clock, log } = deps;
  const maintenance = deps.maintenance ?? defaultMaintenancePolicy;
  const limits = deps.limits ?? defaultTimerLimits;
  const retryAfterErrorMs = deps.retryAfterErrorMs ?? 60_000;

  let awake: boolean | null = null;
  let maintenanceDueAt = clock.now() + maintenance.firstAfterMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let stopped = false;

  const arm = (delayMs: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(refresh, delayMs);
  };

  const setPower = (decision: PowerDecision, schedule: DisplaySchedule | null) => {
    if (decision.keepDisplayAwake === awake) return;
    awake = decision.keepDisplayAwake;
    deps.onPower(decision, schedule);
  };

  async function check(): Promise<void> {
    let schedule: DisplaySchedule;
    try {
      schedule = await deps.read();
    } catch (error) {
      log.warn('kiosk.schedule-unreadable', { error, retryInMs: retryAfterErrorMs });
      // Until we know the hours, the screen stays on: better a lit screen at night than a dark one at 08:00.
      if (awake === null) setPower({ keepDisplayAwake: true, changesAt: null }, null);
      arm(retryAfterErrorMs);
      return;
    }
    if (stopped) return;

    const power = powerDecision(schedule, clock.now());
    setPower(power, schedule);

    let plan = maintenanceDecision({ dueAt: maintenanceDueAt, now: clock.now(), schedule }, maintenance);
    if (plan.runNow) {
      try {
        await deps.maintain({ reloadPage: plan.reloadPage });
      } catch (error) {
        log.error('kiosk.maintenance-failed', { error });
      }
      maintenanceDueAt = clock.now() + maintenance.everyMs;
      plan = maintenanceDecision({ dueAt: maintenanceDueAt, now: clock.now(), schedule }, maintenance);
    }

    const now = clock.now();
    arm(Math.min(timerDelay(power.changesAt, now, clock.rate, limits), timerDelay(plan.nextAt, now, clock.rate, limits)));
  }

  function refresh(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void check().finally(() => {
      running = false;
      if (again) {
        again = false;
        refresh();
      }
    });
  }

  refresh();
  return {
    refresh,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
