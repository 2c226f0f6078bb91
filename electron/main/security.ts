import { join } from 'node:path';
import { app, type Session, type WebContents } from 'electron';
import type { AppMode } from '@shared/contract';
import type { Logger } from '../core/logger';
import { isSameOrigin } from './appOrigin';
import { downloadAllowed } from './downloadPolicy';

// Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security), the parts that apply
// to every webContents and to the session rather than to one window's options (those are in windows.ts).

const short = (url: string) => url.slice(0, 200);

/**
 * Item 5: by default Electron grants every permission. Gangbord's pages need none (no camera, microphone,
 * notifications, geolocation, HID/USB/serial, screen capture), so every request and every check says no.
 */
export function denyAllPermissions(ses: Session, log: Logger): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    log.warn('security.permission-denied', { permission, origin: short(details.requestingUrl) });
    callback(false);
  });
  // The check handler answers the synchronous "may I?" questions (navigator.permissions.query and friends).
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
}

/**
 * Nothing a page could make us save to disk, except a staff page's own exports (the audit CSV, a pupil's data),
 * and those only where the administrator chooses in the save dialog (downloadPolicy.ts).
 */
export function guardDownloads(ses: Session, mode: AppMode, appOrigin: string, log: Logger): void {
  ses.on('will-download', (event, item) => {
    const fileName = item.getFilename();
    if (!downloadAllowed(mode, item.getURL(), fileName, appOrigin)) {
      log.warn('security.download-blocked', { url: short(item.getURL()) });
      event.preventDefault();
      return;
    }
    let folder: string | null = null;
    try {
      folder = app.getPath('documents');
    } catch {
      // No documents folder known on this desktop: the dialog opens where the system chooses.
    }
    item.setSaveDialogOptions({ defaultPath: folder === null ? fileName : join(folder, fileName) });
    item.once('done', (_e, state) => log.info('staff.export-saved', { fileName, state }));
  });
}

/**
 * Items 11-14 for one webContents: no new windows, no navigation away from our origin (main frame, subframes and
 * server redirects alike), no <webview>, and no page that can hold up closing with an onbeforeunload prompt.
 */
export function hardenWebContents(contents: WebContents, appOrigin: string, log: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('security.window-open-denied', { url: short(url) });
    return { action: 'deny' };
  });
  const stayHome = (event: Electron.Event<{ url: string }>, what: string) => {
    // Compare origins, not prefixes: "app://gangbord.evil" starts with "app://gangbord" (see appOrigin.ts).
    if (isSameOrigin(event.url, appOrigin)) return;
    event.preventDefault();
    log.warn('security.navigation-blocked', { what, url: short(event.url) });
  };
  contents.on('will-navigate', (event) => stayHome(event, 'navigate'));
  // will-navigate fires for the main frame only; this covers iframes too.
  contents.on('will-frame-navigate', (event) => stayHome(event, 'frame-navigate'));
  contents.on('will-redirect', (event) => stayHome(event, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('security.webview-blocked', {});
  });
  contents.on('will-prevent-unload', (event) => event.preventDefault());
}

/** Every webContents the app ever creates gets the same rules, including ones we did not create ourselves. */
export function hardenEveryWebContents(appOrigin: string, log: Logger): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigin, log));
}
