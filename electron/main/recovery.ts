import type { BrowserWindow } from 'electron';
import type { Logger } from '../core/logger';
import { decideRecovery, defaultRecoveryPolicy, type RecoveryPolicy, shouldRecover } from './recoveryPolicy';
import { outOfServicePage, statusPageUrl } from './statusPage';

// Chromium's net error for a load that was cancelled by another load: not a failure of the page.
const ERR_ABORTED = -3;

/**
 * Brings a window's page back when its renderer dies, hangs or fails to load, with the backoff of
 * recoveryPolicy.ts. A kiosk must never be left showing a white or frozen screen.
 */
export function superviseRenderer(win: BrowserWindow, deps: { pageUrl: string; log: Logger; quitting: () => boolean; policy?: RecoveryPolicy }): void {
  const policy = deps.policy ?? defaultRecoveryPolicy;
  const contents = win.webContents;
  let history: number[] = [];
  let reloadTimer: NodeJS.Timeout | undefined;
  let hangTimer: NodeJS.Timeout | undefined;

  const recover = (what: string, fields: Record<string, unknown>) => {
    if (!shouldRecover({ quitting: deps.quitting(), windowDestroyed: win.isDestroyed() })) return;
    const decision = decideRecovery(history, Date.now(), policy);
    history = decision.history;
    deps.log.error('renderer.recovering', { what, ...fields, recentFailures: decision.recentFailures, delayMs: decision.delayMs, outOfService: decision.outOfService });
    if (decision.outOfService) {
      contents.loadURL(statusPageUrl(outOfServicePage(Math.round(decision.delayMs / 1000)))).catch(() => undefined);
    }
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      if (win.isDestroyed() || deps.quitting()) return;
      // loadURL rather than reload(): it starts a fresh renderer after a crash and leaves the out-of-service page.
      contents.loadURL(deps.pageUrl).catch((error: unknown) => deps.log.warn('renderer.reload-failed', { error }));
    }, decision.delayMs);
  };

  // reason: clean-exit, abnormal-exit, killed, crashed, oom, launch-failed, integrity-failure, memory-eviction.
  contents.on('render-process-gone', (_event, details) => {
    clearTimeout(hangTimer);
    recover('render-process-gone', { reason: details.reason, exitCode: details.exitCode });
  });

  // A page can stall for a moment (a long garbage collection); only a hang that lasts is ended. Ending the
  // renderer leads to 'render-process-gone' above, and from there to a reload in a fresh process.
  contents.on('unresponsive', () => {
    deps.log.warn('renderer.unresponsive', { graceMs: policy.hangGraceMs });
    clearTimeout(hangTimer);
    hangTimer = setTimeout(() => {
      if (win.isDestroyed()) return;
      deps.log.error('renderer.hung', { action: 'ending the renderer' });
      contents.forcefullyCrashRenderer();
    }, policy.hangGraceMs);
  });
  contents.on('responsive', () => clearTimeout(hangTimer));

  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED || validatedURL.startsWith('data:')) return;
    recover('did-fail-load', { errorCode, errorDescription });
  });

  win.on('closed', () => {
    clearTimeout(reloadTimer);
    clearTimeout(hangTimer);
  });
}
