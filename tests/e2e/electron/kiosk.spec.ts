import { openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { WebPreferences } from 'electron';
import { kioskCallNames, type NowNextBoard, type AppInfo, type Result } from '@shared/contract';
import { KIOSK_PAGE, launchGangbord, type PageGlobals, pressKeys, type RunningApp, SCHOOL_MORNING, skipWithoutElectron, windowCount } from './launch';

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

const APP_PAGE = KIOSK_PAGE;
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

test('a download the page starts is refused, even one named like a staff export', async () => {
  await gb.page.evaluate(`(() => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob(['x'], { type: 'text/csv' }));
    link.download = 'gangbord-audit-2026-11-24.csv';
    document.body.append(link);
    link.click();
    link.remove();
  })()`);
  await expect.poll(() => gb.log()).toContain('security.download-blocked');
  expect(gb.log()).not.toContain('staff.export-saved');
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
  const facts = await gb.app.evaluate(({ BrowserWindow, Menu }) => {
    const win = BrowserWindow.getAllWindows()[0]!;
    // Not in Electron's typings, but present: what the webContents actually runs with.
    const prefs = (win.webContents as unknown as { getLastWebPreferences(): WebPreferences }).getLastWebPreferences();
    return {
      kiosk: win.isKiosk(),
      applicationMenu: Menu.getApplicationMenu() === null ? 'none' : 'set',
      // macOS has no menu bar in the window; elsewhere the window's own must be gone.
      menuBarVisible: process.platform === 'darwin' ? false : win.isMenuBarVisible(),
      contextIsolation: prefs.contextIsolation, sandbox: prefs.sandbox, nodeIntegration: prefs.nodeIntegration,
      nodeIntegrationInSubFrames: prefs.nodeIntegrationInSubFrames, webSecurity: prefs.webSecurity,
      allowRunningInsecureContent: prefs.allowRunningInsecureContent, devTools: prefs.devTools, webviewTag: prefs.webviewTag,
      url: win.webContents.getURL(),
    };
  });
  expect(facts).toMatchObject({
    kiosk: true, applicationMenu: 'none', menuBarVisible: false,
    contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webSecurity: true,
    allowRunningInsecureContent: false, devTools: false, webviewTag: false,
  });
  expect(pathOf(facts.url)).toBe(APP_PAGE);
  // Full screen follows from the kiosk option; macOS animates into it, so allow a moment.
  await expect.poll(() => gb.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isFullScreen()), { timeout: 5_000 }).toBe(true);
});

test('developer tools cannot be opened, not even by main asking for them', async () => {
  const opened = await gb.app.evaluate(async ({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents;
    contents.openDevTools({ mode: 'detach' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return contents.isDevToolsOpened();
  });
  expect(opened).toBe(false);
  expect(await windowCount(gb.app)).toBe(1);
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

test('reload, developer-tools, close and zoom keys do not reach the page; Ctrl+Shift+P does; the cursor is hidden', async () => {
  const { page, app } = gb;
  await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    w.__gangbordTest = { keys: [], marker: 42 };
    // Capture phase on window: first to hear a key, whatever the page's own handlers (the admin overlay) do with it.
    w.addEventListener('keydown', (event) => w.__gangbordTest!.keys.push(`${event.ctrlKey ? 'Control+' : ''}${event.shiftKey ? 'Shift+' : ''}${event.key.toUpperCase()}`), true);
  });
  await pressKeys(app, [
    { keyCode: 'F5' }, { keyCode: 'R', modifiers: ['control'] }, { keyCode: 'R', modifiers: ['control', 'shift'] },
    { keyCode: 'F11' }, { keyCode: 'F12' }, { keyCode: 'I', modifiers: ['control', 'shift'] },
    { keyCode: '=', modifiers: ['control'] }, { keyCode: 'Plus', modifiers: ['control', 'shift'] }, { keyCode: '-', modifiers: ['control'] },
    { keyCode: 'W', modifiers: ['control'] }, { keyCode: 'F4', modifiers: ['alt'] }, { keyCode: 'P', modifiers: ['control'] },
    { keyCode: 'A' }, { keyCode: 'P', modifiers: ['control', 'shift'] },
  ]);
  await page.waitForTimeout(1_000);
  const after = await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    return { test: w.__gangbordTest, cursor: w.getComputedStyle(w.document.body).cursor };
  });
  // Still the same document (no reload), and of all those keys only the harmless one and the admin overlay's
  // shortcut reached it.
  expect(after.test).toEqual({ keys: ['A', 'Control+Shift+P'], marker: 42 });
  expect(after.cursor).toBe('none');
  const window = await app.evaluate(({ BrowserWindow }) => {
    const win = BrowserWindow.getAllWindows()[0]!;
    return { url: win.webContents.getURL(), zoom: win.webContents.getZoomLevel(), devTools: win.webContents.isDevToolsOpened(), kiosk: win.isKiosk() };
  });
  expect({ ...window, url: pathOf(window.url) }).toEqual({ url: APP_PAGE, zoom: 0, devTools: false, kiosk: true });
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
