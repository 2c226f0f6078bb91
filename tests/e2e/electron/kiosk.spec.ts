import { openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { WebPreferences } from 'electron';
import { kioskCallNames, type NowNextBoard, type AppInfo, type Result } from '../../../shared/contract';
import { launchGangbord, type PageGlobals, type RunningApp, SCHOOL_MORNING, skipWithoutElectron, windowCount } from './launch';

// The kiosk as a corridor screen runs it: the real Electron app, the real core, the demo school, on a school-day
// morning. One launch for the file; no test changes what the others look at.
skipWithoutElectron();
test.describe.configure({ mode: 'serial' });

let gb: RunningApp;

test.beforeAll(async () => {
  // Fake camera devices, so a camera request reaches the permission check instead of failing for want of a device.
  gb = await launchGangbord({ mode: 'kiosk', now: SCHOOL_MORNING, args: ['--use-fake-device-for-media-stream'] });
});
test.afterAll(async () => {
  await gb?.close();
});

const APP_PAGE = 'app://gangbord/kiosk.html';
const pathOf = (url: string) => url.split(/[?#]/)[0];
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('shows the school, its rooms and what is on in them', async () => {
  const { page } = gb;
  const card = page.locator('section.room-card');
  await expect(card.first()).toBeVisible({ timeout: 45_000 });

  // What the page shows is checked against what the core answers over the same bridge.
  const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).gangbord!.calls['app.info']!({})) as Result<AppInfo>;
  const board = await page.evaluate(() => (globalThis as unknown as PageGlobals).gangbord!.calls['kiosk.nowNext']!({})) as Result<NowNextBoard>;
  if (!info.ok || !board.ok) throw new Error(`the core refused: ${JSON.stringify({ info, board })}`);
  expect(info.value.mode).toBe('kiosk');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(info.value.school.name);

  const shownCodes = (await card.locator('h2').allTextContents()).map((c) => c.trim());
  expect(shownCodes.length).toBeGreaterThan(0);
  const known = new Map(board.value.rooms.map((r) => [r.room.code, r]));
  for (const code of shownCodes) expect(known.has(code), `room ${code} is one the core knows`).toBe(true);

  // At 09:15 on a Tuesday lessons are on: at least one shown room has one, and its card names the subject.
  const busy = shownCodes.map((code) => known.get(code)!).filter((r) => r.now && r.now.subjects.length > 0);
  expect(busy.length).toBeGreaterThan(0);
  const room = busy[0]!;
  await expect(page.getByRole('region', { name: new RegExp(`^${escapeRegExp(room.room.code)}( |$)`) })).toContainText(room.now!.subjects[0]!);
});

test('the page has no Node.js and only the kiosk calls', async () => {
  const seen = await gb.page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    return {
      require: typeof w.require,
      process: typeof w.process,
      ipcRenderer: typeof w.ipcRenderer,
      runNow: typeof w.gangbord?.calls['sync.runNow'],
      calls: Object.keys(w.gangbord?.calls ?? {}).sort(),
    };
  });
  expect(seen).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined', runNow: 'undefined', calls: [...kioskCallNames].sort() });
});

test('window.open returns null and opens no window', async () => {
  const before = await windowCount(gb.app);
  const opened = await gb.page.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.com') === null);
  expect(opened).toBe(true);
  await gb.page.waitForTimeout(500);
  expect(await windowCount(gb.app)).toBe(before);
  expect(gb.log()).toContain('security.window-open-denied');
});

test('navigating away is refused and the kiosk page stays', async () => {
  await gb.page.evaluate(() => {
    (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
  });
  await gb.page.waitForTimeout(1_000);
  expect(pathOf(gb.page.url())).toBe(APP_PAGE);
  expect(gb.log()).toContain('security.navigation-blocked');
});

test('the window is a locked-down kiosk window', async () => {
  const facts = await gb.app.evaluate(({ BrowserWindow }) => {
    const win = BrowserWindow.getAllWindows()[0]!;
    // Not in Electron's typings, but present: what the webContents actually runs with.
    const prefs = (win.webContents as unknown as { getLastWebPreferences(): WebPreferences }).getLastWebPreferences();
    return {
      kiosk: win.isKiosk(),
      contextIsolation: prefs.contextIsolation, sandbox: prefs.sandbox, nodeIntegration: prefs.nodeIntegration,
      webSecurity: prefs.webSecurity, devTools: prefs.devTools, webviewTag: prefs.webviewTag,
      url: win.webContents.getURL(),
    };
  });
  expect(facts).toMatchObject({ kiosk: true, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false, webviewTag: false });
  expect(pathOf(facts.url)).toBe(APP_PAGE);
});

test('permission requests are denied: camera and notifications', async () => {
  const outcome = await gb.page.evaluate(async () => {
    const w = globalThis as unknown as PageGlobals;
    let camera: string;
    try {
      const stream = await w.navigator.mediaDevices.getUserMedia({ video: true });
      for (const track of stream.getTracks()) track.stop();
      camera = 'granted';
    } catch (error) {
      camera = (error as Error).name;
    }
    return { camera, notifications: await w.Notification.requestPermission() };
  });
  expect(outcome).toEqual({ camera: 'NotAllowedError', notifications: 'denied' });
  expect(gb.log()).toContain('security.permission-denied');
});

test('reload, developer-tools and zoom keys do not reach the page, and the cursor is hidden', async () => {
  const { page, app } = gb;
  await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    w.__gangbordTest = { keys: [], marker: 42 };
    w.addEventListener('keydown', (event) => w.__gangbordTest!.keys.push(event.key));
  });
  for (const key of ['F5', 'Control+R', 'F12', 'Control+Shift+I', 'Control+=', 'Control+W', 'a']) await page.keyboard.press(key);
  await page.waitForTimeout(500);
  const after = await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    return { test: w.__gangbordTest, cursor: w.getComputedStyle(w.document.body).cursor };
  });
  // Still the same document (no reload), and of all those keys only the harmless one reached it.
  expect(after.test).toEqual({ keys: ['a'], marker: 42 });
  expect(after.cursor).toBe('none');
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.isDevToolsOpened())).toBe(false);
  expect(await windowCount(app)).toBe(1);
});

test('the cache on disk is encrypted: no SQLite header', async () => {
  const header = Buffer.alloc(16);
  const fd = openSync(join(gb.userData, 'cache.db'), 'r');
  try {
    expect(readSync(fd, header, 0, 16, 0)).toBe(16);
  } finally {
    closeSync(fd);
  }
  expect(header.toString('latin1')).not.toBe('SQLite format 3\0');
});
