import { app, BrowserWindow, dialog } from 'electron';
import type { AppMode } from '@shared/contract';
import type { Logger } from '../core/logger';
import { startupErrorPage, statusPageUrl } from './statusPage';
import { lockedDownWebPreferences } from './windowOptions';

// A kiosk that failed to start tries again after a while (a keyring not up yet at boot, a disk that was full):
// it must come back by itself. A staff PC waits for the person in front of it.
const KIOSK_RETRY_MINUTES = 5;

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Never a white screen: whatever stopped the start is logged and shown as a plain page (no script, no preload)
 * with its message. Before `app` is ready there can be no window, so a dialog says it instead (on Linux, before
 * ready, Electron prints that to stderr rather than showing a dialog).
 */
export function showStartupError(error: unknown, deps: { mode: AppMode | null; isPackaged: boolean; log: Logger; logFile: string | null }): void {
  const message = errorMessage(error);
  deps.log.error('startup.failed', { error, stack: error instanceof Error ? error.stack : undefined });
  if (!app.isReady()) {
    dialog.showErrorBox('Gangbord could not start', message);
    return;
  }
  const kiosk = deps.mode === 'kiosk';
  const retryMinutes = kiosk ? KIOSK_RETRY_MINUTES : null;
  const others = BrowserWindow.getAllWindows();
  // The same locked-down webPreferences as every window (lockedDownWebPreferences, see windows.ts), which
  // Electronegativity cannot see into.
  const win = new BrowserWindow({ // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    title: 'Gangbord',
    ...(kiosk ? { kiosk: true, backgroundColor: '#000000' } : { width: 900, height: 600 }),
    webPreferences: lockedDownWebPreferences(undefined, deps.mode ?? 'staff', deps.isPackaged),
  });
  // Closed only once the error window exists, or the last closing window would quit the app.
  for (const other of others) other.destroy();
  win.loadURL(statusPageUrl(startupErrorPage(message, { dark: kiosk, retryMinutes, logFile: deps.logFile }))).catch(() => {
    dialog.showErrorBox('Gangbord could not start', message);
  });
  if (retryMinutes) {
    setTimeout(() => {
      deps.log.info('startup.retrying', {});
      app.relaunch();
      app.exit(1);
    }, retryMinutes * 60_000);
  }
}
