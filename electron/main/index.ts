import { join } from 'node:path';
import { app } from 'electron';
import type { AppMode } from '@shared/contract';
import { createLogger } from '../core/logger';
import { rendererLocation } from './appOrigin';
import { manageLifecycle } from './lifecycle';
import { registerAppScheme } from './protocol';
import { hardenEveryWebContents } from './security';
import { startApp } from './startApp';
import { showStartupError } from './startupError';

// Gangbord's Electron main process: a thin shell around electron/core (see docs/architecture.md).
//
// Everything before `app.whenReady()` runs synchronously at the top level: the main script is an ES module, and
// Electron only guarantees that a module's synchronous top-level code runs before `ready` (a top-level await on
// whenReady would even hang the app; Electron's ESM docs).

// 1. One Gangbord per profile, decided before anything else happens. The lock lives in userData, which Electron
//    has already pointed at --user-data-dir when that is given (tests run side by side that way).
if (!app.requestSingleInstanceLock()) {
  // The running instance hears of us through 'second-instance' and comes to the front.
  app.quit();
} else {
  const logFile = join(app.getPath('userData'), 'logs', 'gangbord.log');
  const log = createLogger({ file: logFile, stderr: !app.isPackaged });
  const renderer = rendererLocation(app.isPackaged, process.env.ELECTRON_RENDERER_URL);

  // 2. What must precede `ready`: our scheme's privileges, and hardening for every webContents ever created.
  registerAppScheme();
  hardenEveryWebContents(renderer.origin, log);
  const lifecycle = manageLifecycle(log);

  // 3. The rest once Electron is ready; any failure ends on a page that says what went wrong.
  let mode: AppMode | null = null;
  app.whenReady()
    .then(() => startApp({ log, renderer, lifecycle, onMode: (m) => (mode = m) }))
    .catch((error: unknown) => showStartupError(error, { mode, isPackaged: app.isPackaged, log, logFile }));
}
