import type { BrowserWindow } from 'electron';
import {
  defaultRecoveryPolicy, initialRecoveryState, isRecovering, onPageFailure, onReloadIssued, type RecoveryPolicy, shouldRecover,
} from '../core/kiosk/recoveryPolicy';
import type { Logger } from '../core/logger';
import { outOfServicePage, statusPageUrl } from './statusPage';

// Chromium's net error for a load that was cancelled by another load: not a failure of the page.
const ERR_ABORTED = -3;

export interface SupervisorDeps {
  pageUrl: string;
  log: Logger;
  quitting: () => boolean;
  /** The last resort of a crash loop: restart the whole app. */
  relaunch: (reason: string) => void;
  policy?: RecoveryPolicy;
  /** A monotonic clock: a wall clock that jumps must not make old failures new or new ones old. */
  now?: () => number;
}

export interface RendererSupervisor {
  /** Loads the app's page afresh (maintenance), unless recovery is busy with it; true when it did. */
  freshPage(reason: string): boolean;
}

/**
 * Brings a window's page back when its renderer dies, hangs or fails to load, as electron/core/kiosk/
 * recoveryPolicy.ts decides: a reload with backoff, the out-of-service page with a retry timer after a crash loop,
 * and a relaunch of the app when even the retries keep failing. A kiosk must never be left white or frozen.
 */
export function superviseRenderer(win: BrowserWindow, deps: SupervisorDeps): RendererSupervisor {
  const policy = deps.policy ?? defaultRecoveryPolicy;
  const now = deps.now ?? (() => performance.now());
  const contents = win.webContents;
  let state = initialRecoveryState;
  let recoveryTimer: NodeJS.Timeout | undefined;
  let hangTimer: NodeJS.Timeout | undefined;
  let endedForHang = false;

  const isAppPage = (url: string) => url.split(/[?#]/)[0] === deps.pageUrl;
  // loadURL rather than reload(): after a crash it starts a fresh renderer, and it leaves the out-of-service page.
  const loadAppPage = (why: string) => {
    contents.loadURL(deps.pageUrl).catch((error: unknown) => deps.log.warn('renderer.reload-failed', { why, error }));
  };

  const later = (delayMs: number, why: string) => {
    clearTimeout(recoveryTimer);
    recoveryTimer = setTimeout(() => {
      state = onReloadIssued(state);
      if (win.isDestroyed() || deps.quitting()) return;
      loadAppPage(why);
    }, delayMs);
  };

  const failed = (what: string, fields: Record<string, unknown>) => {
    if (!shouldRecover({ quitting: deps.quitting(), windowDestroyed: win.isDestroyed() })) return;
    const step = onPageFailure(state, now(), policy);
    state = step.state;
    const { action } = step;
    const facts = { what, ...fields, action: action.kind, recentFailures: state.failures.length, failedRetries: state.failedRetries };
    switch (action.kind) {
      case 'wait':
        deps.log.warn('renderer.failure-while-recovering', facts);
        return;
      case 'reload':
        deps.log.error('renderer.recovering', { ...facts, delayMs: action.delayMs });
        later(action.delayMs, what);
        return;
      case 'out-of-service':
        deps.log.error('renderer.out-of-service', { ...facts, retryInMs: action.retryInMs });
        contents.loadURL(statusPageUrl(outOfServicePage(action.retryInMs))).catch(() => undefined);
        later(action.retryInMs, 'out-of-service retry');
        return;
      case 'relaunch':
        deps.log.error('renderer.relaunching-app', facts);
        deps.relaunch(`the page kept failing: ${state.failedRetries} retries from the out-of-service page failed`);
    }
  };

  // reason: clean-exit, abnormal-exit, killed, crashed, oom, launch-failed, integrity-failure, memory-eviction.
  contents.on('render-process-gone', (_event, details) => {
    clearTimeout(hangTimer);
    failed('render-process-gone', { reason: details.reason, exitCode: details.exitCode, endedForHang });
    endedForHang = false;
  });

  // A page can stall for a moment (a long garbage collection); only a hang that lasts is ended. Ending the
  // renderer leads to 'render-process-gone' above, and from there to a reload in a fresh process.
  contents.on('unresponsive', () => {
    deps.log.warn('renderer.unresponsive', { graceMs: policy.hangGraceMs });
    clearTimeout(hangTimer);
    hangTimer = setTimeout(() => {
      if (win.isDestroyed()) return;
      deps.log.error('renderer.hung', { action: 'ending the renderer' });
      endedForHang = true;
      contents.forcefullyCrashRenderer();
    }, policy.hangGraceMs);
  });
  contents.on('responsive', () => clearTimeout(hangTimer));

  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED || validatedURL.startsWith('data:')) return;
    failed('did-fail-load', { errorCode, errorDescription });
  });

  // A page without its bridge cannot show anything: worth a line in the log when it happens.
  contents.on('preload-error', (_event, preloadPath, error) => deps.log.error('renderer.preload-error', { preloadPath, error }));

  contents.on('did-finish-load', () => {
    if (!isAppPage(contents.getURL())) return;
    // Nothing to go "back" to: not the out-of-service page, not an older copy of the app.
    contents.navigationHistory.clear();
    if (state.failures.length > 0) deps.log.info('renderer.page-back', { recentFailures: state.failures.length, outOfService: state.outOfService });
  });

  win.on('closed', () => {
    clearTimeout(recoveryTimer);
    clearTimeout(hangTimer);
  });

  return {
    freshPage(reason) {
      if (win.isDestroyed() || deps.quitting() || isRecovering(state, now(), policy) || !isAppPage(contents.getURL())) return false;
      loadAppPage(reason);
      return true;
    },
  };
}
