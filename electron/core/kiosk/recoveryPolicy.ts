// When and how to bring a kiosk's page back after its renderer died, hung or failed to load. Pure: the state goes
// in and comes out, times are passed in (a monotonic clock in main), so every path is unit-tested under Node;
// electron/main/recovery.ts applies the actions to a window.
//
// Kiosks go white after days when a renderer dies and nobody reloads it (Electron issues 2357, 11102), and a
// renderer that dies again at once must not be restarted in a tight loop (flutter_cef treats 4 deaths in 10 s as
// unrecoverable; SpinetiX goes to safe mode after 3 forced reboots in 30 min). So:
//   - each failure reloads the page after a delay that grows with the failures of the last minutes;
//   - a crash loop (N failures within a window) shows the static out-of-service page and retries from there on a
//     slow timer; a retry that fails again keeps the screen there;
//   - after several failed retries the whole app relaunches: a renderer that can no longer be spawned at all
//     (launch-failed: a broken GPU or zygote process, exhausted shared memory) comes back only with a new browser
//     process. The cycle is bounded: a relaunched app needs N failures again before it retries slowly;
//   - a page that then runs for a stable period wipes the slate clean. It never stops trying altogether: a kiosk
//     must come back by itself once the cause (a full disk, a bad driver, memory pressure) goes away.

export interface RecoveryPolicy {
  /** Reload delays by the number of recent failures (1st, 2nd, ...); the last one repeats. */
  backoffMs: readonly number[];
  /** This many failures within `withinMs` is a crash loop: the out-of-service page shows. */
  crashLoop: { failures: number; withinMs: number };
  /** From the out-of-service page, try the app's page again this often. */
  outOfServiceRetryMs: number;
  /** After this many retries from the out-of-service page failed again, relaunch the app; null: never. */
  relaunchAfterFailedRetries: number | null;
  /** A page that runs this long without a failure starts over with a clean slate. */
  stableAfterMs: number;
  /** How long a page may stay unresponsive before its renderer is ended (and then reloaded as a crash). */
  hangGraceMs: number;
}

export const defaultRecoveryPolicy: RecoveryPolicy = {
  backoffMs: [1_000, 2_000, 5_000, 10_000, 30_000],
  crashLoop: { failures: 4, withinMs: 10 * 60_000 },
  outOfServiceRetryMs: 5 * 60_000,
  relaunchAfterFailedRetries: 3,
  stableAfterMs: 10 * 60_000,
  hangGraceMs: 15_000,
};

export interface RecoveryState {
  /** When recent failures happened (oldest first), on the caller's monotonic clock. */
  failures: readonly number[];
  /** The out-of-service page is up, or a retry from it is running. */
  outOfService: boolean;
  /** Retries from the out-of-service page that failed again. */
  failedRetries: number;
  /**
   * A reload or retry is scheduled and not yet issued: a failure reported meanwhile (did-fail-load and
   * render-process-gone for one incident) belongs to the incident already being handled.
   */
  pending: boolean;
}

export const initialRecoveryState: RecoveryState = { failures: [], outOfService: false, failedRetries: 0, pending: false };

export type RecoveryAction =
  /** Already recovering from this incident: nothing more to do. */
  | { kind: 'wait' }
  /** Load the app's page again after `delayMs`. */
  | { kind: 'reload'; delayMs: number }
  /** Show the out-of-service page now and load the app's page again after `retryInMs`. */
  | { kind: 'out-of-service'; retryInMs: number }
  /** Restart the whole app (app.relaunch + quit). */
  | { kind: 'relaunch' };

export interface RecoveryStep {
  state: RecoveryState;
  action: RecoveryAction;
}

/** A failure of the page (renderer gone, hang ended, main-frame load failed) at `now`. */
export function onPageFailure(state: RecoveryState, now: number, policy: RecoveryPolicy = defaultRecoveryPolicy): RecoveryStep {
  if (state.pending) return { state, action: { kind: 'wait' } };

  const last = state.failures.at(-1);
  const stable = last !== undefined && (now - last >= policy.stableAfterMs || now < last);
  const current = stable ? initialRecoveryState : state;
  const keep = policy.crashLoop.failures;

  if (current.outOfService) {
    const failedRetries = current.failedRetries + 1;
    const next: RecoveryState = { failures: [...current.failures, now].slice(-keep), outOfService: true, failedRetries, pending: true };
    const relaunch = policy.relaunchAfterFailedRetries !== null && failedRetries >= policy.relaunchAfterFailedRetries;
    return { state: next, action: relaunch ? { kind: 'relaunch' } : { kind: 'out-of-service', retryInMs: policy.outOfServiceRetryMs } };
  }

  const recent = [...current.failures.filter((at) => now - at < policy.crashLoop.withinMs && at <= now), now].slice(-keep);
  if (recent.length >= policy.crashLoop.failures) {
    return {
      state: { failures: recent, outOfService: true, failedRetries: 0, pending: true },
      action: { kind: 'out-of-service', retryInMs: policy.outOfServiceRetryMs },
    };
  }
  const delayMs = policy.backoffMs[Math.min(recent.length, policy.backoffMs.length) - 1] ?? 1_000;
  return { state: { failures: recent, outOfService: false, failedRetries: 0, pending: true }, action: { kind: 'reload', delayMs } };
}

/** The scheduled reload or retry was issued: the next failure is a new one. */
export function onReloadIssued(state: RecoveryState): RecoveryState {
  return state.pending ? { ...state, pending: false } : state;
}

/**
 * Whether recovery is still in charge of the page at `now`: a reload is scheduled, or the screen came back from
 * the out-of-service page less than a stable period ago. Main reloads the page for its own reasons (maintenance)
 * only when not.
 */
export function isRecovering(state: RecoveryState, now: number, policy: RecoveryPolicy = defaultRecoveryPolicy): boolean {
  if (state.pending) return true;
  const last = state.failures.at(-1);
  return state.outOfService && last !== undefined && now >= last && now - last < policy.stableAfterMs;
}

/** Why a renderer went away decides nothing by itself: only a closing window or a quitting app needs no reload. */
export function shouldRecover(facts: { quitting: boolean; windowDestroyed: boolean }): boolean {
  return !facts.quitting && !facts.windowDestroyed;
}
