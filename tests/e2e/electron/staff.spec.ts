import { expect, test } from '@playwright/test';
import type { WebPreferences } from 'electron';
import { launchGangbord, type PageGlobals, type RunningApp, SCHOOL_MORNING, skipWithoutElectron } from './launch';

// A staff PC. Staff mode holds personal data, so where Linux has no keyring (safeStorage's "basic_text", as on a
// CI machine without a desktop session) it must refuse to start its cache; with a keyring (and on macOS and
// Windows) it starts, and its window is kept out of screenshots.
skipWithoutElectron();

let gb: RunningApp;
test.afterEach(async () => {
  await gb?.close();
});

test('staff mode: content protection on, or a clear refusal without a keyring', async () => {
  gb = await launchGangbord({ mode: 'staff', now: SCHOOL_MORNING });
  const backend = await gb.app.evaluate(({ safeStorage }) => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'));

  if (backend === 'basic_text') {
    await expect(gb.page.getByRole('heading', { level: 1 })).toHaveText('Gangbord kon niet starten');
    await expect(gb.page.locator('body')).toContainText('Staff mode keeps personal data');
    expect(gb.log()).toContain('startup.failed');
    return;
  }

  await expect(gb.page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 45_000 });
  const facts = await gb.app.evaluate(({ BrowserWindow }) => {
    const win = BrowserWindow.getAllWindows()[0]!;
    const prefs = (win.webContents as unknown as { getLastWebPreferences(): WebPreferences }).getLastWebPreferences();
    return {
      protected: win.isContentProtected(),
      kiosk: win.isKiosk(),
      contextIsolation: prefs.contextIsolation,
      sandbox: prefs.sandbox,
      nodeIntegration: prefs.nodeIntegration,
    };
  });
  expect(facts).toEqual({ protected: true, kiosk: false, contextIsolation: true, sandbox: true, nodeIntegration: false });

  // The staff preload offers every call; main still answers by role (no sign-in yet, so not as an admin).
  const runNow = await gb.page.evaluate(() => (globalThis as unknown as PageGlobals).gangbord!.calls['sync.runNow']!({}));
  expect(runNow).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
});
