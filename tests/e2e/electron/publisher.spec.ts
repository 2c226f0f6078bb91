import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, expect, test } from '@playwright/test';
import { electronInstall, root } from '../../../build/scripts/lib/electron-env.mjs';
import { fleetPaths } from '../../../electron/core/fleet/fleetFolder';
import { skipWithoutElectron } from './launch';

// `--publisher` (docs/fleet.md): the installed app, set up as the fleet's publisher, runs without a window and signs
// the demo school into the fleet folder. Skipped, with the reason, where the Electron binary cannot be had.
skipWithoutElectron();

test('the app started with --publisher opens no window and publishes a signed bundle and roster into the fleet folder', async () => {
  test.setTimeout(90_000);
  const userData = mkdtempSync(join(tmpdir(), 'gangbord-publisher-'));
  const folder = join(userData, 'fleet');
  mkdirSync(folder);
  writeFileSync(join(userData, 'settings.json'), JSON.stringify({ mode: 'staff', fleet: { folder, school: 'gangbord-college' } }));
  const app = await _electron.launch({
    executablePath: electronInstall().path!,
    args: ['.', '--publisher', `--user-data-dir=${userData}`],
    cwd: root,
    chromiumSandbox: process.getuid?.() !== 0,
  });
  try {
    await expect.poll(() => existsSync(fleetPaths(folder).bundle), { timeout: 60_000 }).toBe(true);
    expect(readFileSync(fleetPaths(folder).bundle, 'latin1')).toMatch(/^GANGBORD-ENVELOPE 1 /);
    expect(existsSync(fleetPaths(folder).roster)).toBe(true);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0);
  } finally {
    await app.close().catch(() => undefined);
    rmSync(userData, { recursive: true, force: true });
  }
});
