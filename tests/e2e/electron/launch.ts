import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page, test } from '@playwright/test';
import type { GangbordBridge } from '@shared/contract';
import { electronInstall, root } from '../../../build/scripts/lib/electron-env.mjs';

// Launching the real Electron app. Where the Electron binary cannot be had (its download host is unreachable on
// the project's build machines) every test here is skipped with the reason; nothing here imitates Electron.
// Whether it is installed is read from what its installer leaves (path.txt, dist/): `require('electron')` from
// Node would start a download instead of answering.

/** A Tuesday in term time, during the second lesson hour. */
export const SCHOOL_MORNING = '2026-11-24T09:15:00+01:00';

/** Call at the top of a spec file, before its own hooks: skips all its tests where the binary is missing, and says why. */
export function skipWithoutElectron(): void {
  const install = electronInstall();
  if (install.path) return;
  const reason = /not installed at node_modules\/electron\/dist/.test(install.reason ?? '')
    ? 'Electron binary not installed at node_modules/electron/dist (download host unreachable); these tests run where it is'
    : `Electron binary not usable (${install.reason}); these tests run where it is`;
  // Skipped from a hook rather than at load time: the list reporter shows skipped tests without their reason,
  // and output from a hook reaches the terminal, so the reason is printed once per file where a person reads it.
  test.beforeAll(() => {
    console.warn(`electron e2e skipped: ${reason}`);
    test.skip(true, reason);
  });
}

/** What a page's global object holds, as far as these tests look (the Node typecheck has no DOM types). */
export interface PageGlobals {
  gangbord?: GangbordBridge;
  require?: unknown;
  process?: unknown;
  ipcRenderer?: unknown;
  open(url: string): unknown;
  location: { href: string };
  navigator: { mediaDevices: { getUserMedia(c: { video: boolean }): Promise<{ getTracks(): { stop(): void }[] }> } };
  Notification: { requestPermission(): Promise<string> };
  document: { body: object };
  getComputedStyle(element: object): { cursor: string };
  addEventListener(type: 'keydown', listener: (event: { key: string; ctrlKey: boolean; shiftKey: boolean }) => void, capture?: boolean): void;
  __gangbordTest?: { keys: string[]; marker: number };
}

export interface RunningApp {
  app: ElectronApplication;
  page: Page;
  userData: string;
  /** The app's own log (JSON lines), for asserting that main logged a refusal. */
  log(): string;
  close(): Promise<void>;
}

export async function launchGangbord(options: { mode: 'kiosk' | 'staff'; now?: string; args?: string[]; env?: Record<string, string> }): Promise<RunningApp> {
  const executablePath = electronInstall().path;
  if (!executablePath) throw new Error('the Electron binary is not installed (the spec should have been skipped)');
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) throw new Error('The app is not built: run "npm run build" (npm run test:e2e does it first).');

  // Each launch has its own profile: its own settings, key, cache and single-instance lock. Electron points
  // userData at --user-data-dir (an absolute path) before the app's code runs.
  const userData = mkdtempSync(join(tmpdir(), 'gangbord-electron-'));
  const env = { ...process.env, ...options.env } as Record<string, string>;
  delete env.ELECTRON_RENDERER_URL; // never the dev server: the tests check the built app behind app://
  delete env.GANGBORD_PROVISIONING; // only the provisioning a test passes itself
  const app = await _electron.launch({
    executablePath,
    // "." is the repo: Electron starts package.json's main, out/main/index.js, as `npm start` does.
    args: ['.', `--mode=${options.mode}`, `--user-data-dir=${userData}`, ...(options.now ? [`--now=${options.now}`] : []), ...(options.args ?? [])],
    cwd: root,
    env,
    // Playwright turns Chromium's sandbox off unless asked; keep it on, as in production. Chromium refuses to
    // start as root with its sandbox, so a root CI container runs without it.
    chromiumSandbox: process.getuid?.() !== 0,
  });
  const page = await app.firstWindow();
  return {
    app,
    page,
    userData,
    log: () => {
      const file = join(userData, 'logs', 'gangbord.log');
      return existsSync(file) ? readFileSync(file, 'utf8') : '';
    },
    async close() {
      await app.close().catch(() => undefined);
      rmSync(userData, { recursive: true, force: true });
    },
  };
}

/** All BrowserWindows main has open: a page-side count cannot see windows it did not make. */
export function windowCount(app: ElectronApplication): Promise<number> {
  return app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
}

/** The kiosk page's address. */
export const KIOSK_PAGE = 'app://gangbord/kiosk.html';

export interface Key {
  /** An Accelerator key code: `F5`, `R`, `=`, `P`. */
  keyCode: string;
  modifiers?: ('control' | 'shift' | 'alt' | 'meta')[];
}

/**
 * Presses keys through `webContents.sendInputEvent`, as a keyboard would: that is the path Electron's own tests
 * use for `before-input-event`. Keys sent over the DevTools protocol (Playwright's page.keyboard) may not pass
 * through `before-input-event` at all, so a test using them could not see the kiosk's key guard work.
 */
export async function pressKeys(app: ElectronApplication, keys: Key[]): Promise<void> {
  await app.evaluate(({ BrowserWindow }, list) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents;
    for (const { keyCode, modifiers = [] } of list) {
      contents.sendInputEvent({ type: 'keyDown', keyCode, modifiers });
      contents.sendInputEvent({ type: 'keyUp', keyCode, modifiers });
    }
  }, keys);
}

/** What the kiosk window shows, asked of main (a Playwright page may not survive its renderer's crash). */
export function kioskPageState(app: ElectronApplication): Promise<{ url: string; crashed: boolean; showsRooms: boolean }> {
  return app.evaluate(async ({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents;
    const url = contents.getURL();
    const crashed = contents.isCrashed();
    let showsRooms = false;
    if (!crashed && !contents.isLoading() && url.startsWith('app://')) {
      const probe = contents.executeJavaScript('document.querySelector("section.room-card") !== null') as Promise<boolean>;
      showsRooms = await Promise.race([probe, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1_000))]);
    }
    return { url, crashed, showsRooms };
  });
}

/** The app's log lines (JSON) for one event, oldest first. */
export function logLines(text: string, event: string): Record<string, unknown>[] {
  return text.split('\n').filter((line) => line.includes(`"event":"${event}"`)).map((line) => JSON.parse(line) as Record<string, unknown>);
}
