// When to bring a crashed or hung page back. A pure function, so that it can be tested here and moved into
// electron/core with the full lock-down work later; recovery.ts applies it to a window.
//
// Kiosks go white after days when a renderer dies and nobody reloads it (Electron issues 2357, 11102), and a
// renderer that dies again at once must not be restarted in a tight loop (flutter_cef treats 4 deaths in 10 s as
// unrecoverable). So: reload after a delay that doubles with each recent failure, show a static "out of service"
// page once failures pile up, and never stop trying altogether: a kiosk must come back by itself once the cause
// (a full disk, a bad driver, memory pressure) goes away.

export interface RecoveryPolicy {
  /** Failures older than this are forgotten. */
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** From this many failures within the window on, the out-of-service page shows while we wait. */
  outOfServiceAfter: number;
  /** How long a page may stay unresponsive before its renderer is ended and reloaded. */
  hangGraceMs: number;
}

export const defaultRecoveryPolicy: RecoveryPolicy = {
  windowMs: 10 * 60_000,
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  outOfServiceAfter: 4,
  hangGraceMs: 15_000,
};

export interface RecoveryDecision {
  /** Wait this long, then reload the app page. */
  delayMs: number;
  outOfService: boolean;
  /** Failures within the window, this one included. */
  recentFailures: number;
  /** The failure history to keep for next time. */
  history: number[];
}

export function decideRecovery(history: readonly number[], now: number, policy: RecoveryPolicy = defaultRecoveryPolicy): RecoveryDecision {
  const recent = [...history.filter((at) => now - at < policy.windowMs && at <= now), now];
  const n = recent.length;
  const delayMs = Math.min(policy.baseDelayMs * 2 ** Math.min(n - 1, 30), policy.maxDelayMs);
  return { delayMs, outOfService: n >= policy.outOfServiceAfter, recentFailures: n, history: recent };
}

/** Why a renderer went away decides nothing by itself: only a closing window or a quitting app needs no reload. */
export function shouldRecover(state: { quitting: boolean; windowDestroyed: boolean }): boolean {
  return !state.quitting && !state.windowDestroyed;
}
