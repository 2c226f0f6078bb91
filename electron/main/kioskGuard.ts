import type { BrowserWindow } from 'electron';
import { isBlockedInKiosk } from '../core/kiosk/kioskKeys';
import type { Logger } from '../core/logger';

// App-level kiosk hardening for one window (docs/security-model.md §2); the window's options are in
// windowOptions.ts, crash recovery in recovery.ts, the timed jobs in kioskRuntime.ts. The OS lock-down (Alt+Tab,
// the Windows key, touch gestures) is the deployment's.

const HIDE_CURSOR = '*, *::before, *::after { cursor: none !important; }';

export function guardKioskWindow(win: BrowserWindow, deps: { log: Logger; quitting: () => boolean }): void {
  const contents = win.webContents;

  // No menu bar on this window even if an application menu is ever set: the menu carries reload, zoom and close.
  win.removeMenu();

  // Reload, full screen, developer tools, close, zoom and print keys never reach the page (kioskKeys.ts); the
  // admin overlay's Ctrl+Shift+P does.
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
    // User origin: its !important wins over anything the page's own styles say about the cursor. (Electronegativity
    // warns of insertCSS with user-supplied content; this is our own constant.)
    contents.insertCSS(HIDE_CURSOR, { cssOrigin: 'user' }).catch((error: unknown) => deps.log.warn('kiosk.hide-cursor-failed', { error })); // eng-disable DANGEROUS_FUNCTIONS_JS_CHECK
    // Pinch zoom on touch screens; Ctrl+wheel and the zoom keys are handled below and in kioskKeys.ts.
    contents.setVisualZoomLevelLimits(1, 1).catch((error: unknown) => deps.log.warn('kiosk.zoom-limit-failed', { error }));
    contents.setZoomLevel(0);
  });
  contents.on('zoom-changed', () => contents.setZoomLevel(0));
}
