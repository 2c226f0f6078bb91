import { BrowserWindow, type WebContents } from 'electron';
import type { AppMode } from '@shared/contract';
import { defaultRecoveryPolicy } from '../core/kiosk/recoveryPolicy';
import type { Logger } from '../core/logger';
import type { AppPaths } from './appPaths';
import type { RendererLocation } from './appOrigin';
import { guardKioskWindow } from './kioskGuard';
import { type RendererSupervisor, superviseRenderer } from './recovery';
import { windowOptions } from './windowOptions';

export interface WindowDeps {
  paths: AppPaths;
  renderer: RendererLocation;
  isPackaged: boolean;
  log: Logger;
  quitting: () => boolean;
  /** Restart the app: crash recovery's last resort. */
  relaunch: (reason: string) => void;
}

// A window that has not painted by then is shown anyway: better a visible problem than an invisible app.
const SHOW_AT_THE_LATEST_MS = 10_000;

/** The app's windows, and which mode each one's page runs in: IPC asks this who a sender is. */
export class AppWindows {
  readonly #byContents = new Map<number, { window: BrowserWindow; mode: AppMode; supervisor: RendererSupervisor }>();

  constructor(private readonly deps: WindowDeps) {}

  open(mode: AppMode): BrowserWindow {
    const { deps } = this;
    // Electronegativity cannot see into windowOptions(): contextIsolation, sandbox and the rest are set there
    // (lockedDownWebPreferences) and asserted by windowOptions.test.ts; new windows and navigation are refused in
    // security.ts, which also covers a middle click (auxclick).
    // eslint-disable-next-line @stylistic/max-len -- Electronegativity reads its exceptions from this one line
    const win = new BrowserWindow(windowOptions(mode, deps.paths.preload(mode), deps.isPackaged)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    const id = win.webContents.id;
    const pageUrl = deps.renderer.pageUrl(mode);
    // A staff PC has a person in front of it: its app is not restarted under them.
    const policy = mode === 'kiosk' ? defaultRecoveryPolicy : { ...defaultRecoveryPolicy, relaunchAfterFailedRetries: null };
    const supervisor = superviseRenderer(win, { pageUrl, log: deps.log, quitting: deps.quitting, relaunch: deps.relaunch, policy });
    this.#byContents.set(id, { window: win, mode, supervisor });
    win.on('closed', () => this.#byContents.delete(id));

    const show = () => {
      if (!win.isDestroyed() && !win.isVisible()) win.show();
    };
    win.once('ready-to-show', show);
    setTimeout(show, SHOW_AT_THE_LATEST_MS).unref();

    if (mode === 'kiosk') {
      guardKioskWindow(win, deps);
    } else {
      // Keeps pupil photos and records out of screenshots and screen sharing. Windows 10 2004+ excludes the window
      // from capture (WDA_EXCLUDEFROMCAPTURE), older Windows shows it black; macOS sets NSWindowSharingNone, which
      // newer capture APIs on recent macOS may not honour; on Linux it has no effect at all.
      win.setContentProtection(true);
    }
    win.loadURL(pageUrl).catch((error: unknown) => deps.log.error('window.load-failed', { mode, error }));
    deps.log.info('window.opened', { mode });
    return win;
  }

  modeOf(contents: WebContents): AppMode | null {
    // webContents ids are never reused within a run, so the id alone identifies the sender.
    const entry = this.#byContents.get(contents.id);
    return entry && !entry.window.isDestroyed() ? entry.mode : null;
  }

  live(): BrowserWindow[] {
    return [...this.#byContents.values()].map((e) => e.window).filter((w) => !w.isDestroyed());
  }

  /** Loads every kiosk page afresh where recovery is not busy with it (maintenance); how many were. */
  freshKioskPages(reason: string): number {
    let count = 0;
    for (const entry of this.#byContents.values()) {
      if (entry.mode === 'kiosk' && !entry.window.isDestroyed() && entry.supervisor.freshPage(reason)) count++;
    }
    return count;
  }
}
