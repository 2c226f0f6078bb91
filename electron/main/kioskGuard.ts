import { type BrowserWindow, powerSaveBlocker } from 'electron';
import type { Logger } from '../core/logger';
import { isBlockedInKiosk } from './kioskKeys';

// App-level kiosk hardening (../shared/SECURITY.md §2). The full lock-down (watchdog, nightly relaunch, memory
// limits) is a later issue; the OS lock-down is the deployment's.

const HIDE_CURSOR = '*, *::before, *::after { cursor: none !important; }';

export function guardKioskWindow(win: BrowserWindow, deps: { log: Logger; quitting: () => boolean }): void {
  const contents = win.webContents;

  contents.on('before-input-event', (event, input) => {
    if (isBlockedInKiosk(input)) event.preventDefault();
  });

  // Alt+F4 on Windows and the window manager's close on Linux never reach the page as keys: refuse the close.
  win.on('close', (event) => {
    if (deps.quitting()) return;
    event.preventDefault();
    deps.log.warn('kiosk.close-refused', {});
  });

  // Injected CSS and zoom limits belong to the document, so they are applied again after every load and reload.
  contents.on('dom-ready', () => {
    contents.insertCSS(HIDE_CURSOR).catch((error: unknown) => deps.log.warn('kiosk.hide-cursor-failed', { error }));
    // Pinch zoom on touch screens; Ctrl+wheel and the zoom keys are handled below and in kioskKeys.ts.
    contents.setVisualZoomLevelLimits(1, 1).catch((error: unknown) => deps.log.warn('kiosk.zoom-limit-failed', { error }));
    contents.setZoomLevel(0);
  });
  contents.on('zoom-changed', () => contents.setZoomLevel(0));
}

/**
 * Keeps the screen on while the kiosk runs. This only stops Chromium's own idle dimming; the OS power plan or
 * DPMS settings of the kiosk image must not switch the display off either.
 */
export function keepDisplayAwake(log: Logger): () => void {
  const id = powerSaveBlocker.start('prevent-display-sleep');
  log.info('kiosk.display-awake', { active: powerSaveBlocker.isStarted(id) });
  return () => {
    if (powerSaveBlocker.isStarted(id)) powerSaveBlocker.stop(id);
  };
}
