import { app } from 'electron';
import type { AppMode } from '@shared/contract';
import type { Core } from '../core/app.types';
import type { Logger } from '../core/logger';
import type { AppWindows } from './windows';

// How long quitting waits for the core to stop (a sync to abort, the cache to close) before leaving anyway.
const STOP_AT_THE_LATEST_MS = 5_000;

export interface Running {
  core: Core;
  windows: AppWindows;
  mode: AppMode;
  /** Undone on quit, after the core stopped: IPC handlers, the power-save blocker. */
  cleanups: (() => void)[];
}

export interface Lifecycle {
  /** True once quitting began: kiosk windows may close then, and crashed pages are no longer reloaded. */
  quitting(): boolean;
  running(app: Running): void;
  /** Quits the way a quit always does (the core stopped first) and starts the app again with the same arguments. */
  relaunch(reason: string): void;
}

/**
 * Quitting, second launches and closed windows. The core is stopped before the app exits (on Ctrl+C and SIGTERM
 * from a supervisor too), so a sync never dies half-way with the cache open.
 */
export function manageLifecycle(log: Logger): Lifecycle {
  let quitting = false;
  let current: Running | null = null;
  let stopped = false;

  app.on('before-quit', (event) => {
    quitting = true;
    if (!current || stopped) return;
    event.preventDefault();
    const { core, cleanups } = current;
    current = null;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, STOP_AT_THE_LATEST_MS).unref());
    void Promise.race([core.stop(), timeout])
      .catch((error: unknown) => log.error('core.stop-failed', { error }))
      .finally(() => {
        for (const cleanup of cleanups) cleanup();
        stopped = true;
        log.info('app.quit', {});
        app.quit();
      });
  });

  // A second launch on the same profile (a double-click, an autostart racing the supervisor) shows this one.
  app.on('second-instance', () => {
    const win = current?.windows.live()[0];
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });

  // Kiosk windows refuse to close, so this is a staff user closing the app, a failed start, or a window lost to
  // something unforeseen: a kiosk then opens its page again, anything else quits.
  app.on('window-all-closed', () => {
    if (!quitting && current?.mode === 'kiosk') {
      log.warn('kiosk.window-reopened', {});
      current.windows.open('kiosk');
      return;
    }
    app.quit();
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      log.info('app.signal', { signal });
      app.quit();
    });
  }

  app.on('child-process-gone', (_event, details) => {
    // GPU, network or other utility process. Chromium starts a new GPU process by itself (and falls back to
    // software rendering after repeated GPU crashes); pages whose renderer went with it are recovered by
    // recovery.ts. This line is what a person reads when a screen misbehaves.
    const { type, reason, exitCode, name, serviceName } = details;
    const fields = { type, reason, exitCode, name, serviceName };
    if (reason === 'clean-exit') log.info('app.child-process-gone', fields);
    else log.warn('app.child-process-gone', fields);
  });

  return {
    quitting: () => quitting,
    running(next) {
      current = next;
    },
    relaunch(reason) {
      if (quitting) return;
      log.error('app.relaunching', { reason });
      // app.relaunch only schedules the new instance for when this one exits; the quit goes through before-quit.
      app.relaunch();
      app.quit();
    },
  };
}
