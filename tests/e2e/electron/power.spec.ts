import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { electronInstall, root } from '../../../build/scripts/lib/electron-env.mjs';
import { launchGangbord, logLines, type PageGlobals, type RunningApp, skipWithoutElectron } from './launch';

// Operating hours and start at login, through the real app: a provisioning file brings the display profiles, a
// --profile flag picks one, and main keeps the display awake only inside that profile's hours, switching at the
// second the page goes black. Start at login is checked on Linux only, where it is a file we can point elsewhere
// (a test must never change the login items of the machine it runs on).
skipWithoutElectron();

let gb: RunningApp | undefined;
const temporary: string[] = [];
test.afterEach(async () => {
  await gb?.close();
  gb = undefined;
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function provisioningFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gangbord-provisioning-'));
  temporary.push(dir);
  const file = join(dir, 'provisioning.json');
  writeFileSync(file, JSON.stringify({
    settings: {
      display: {
        profiles: [
          { id: 'aula', name: 'Aula', layout: 'announcements' },
          { id: 'gang-b1', name: 'Gang B1', layout: 'corridor', hours: { days: [1, 2, 3, 4, 5], from: '07:30', to: '17:00' } },
        ],
        active: 'aula',
      },
    },
  }));
  return file;
}

test('the display is kept awake until 17:00 and let go at that second; the profile comes from --profile', async () => {
  test.setTimeout(90_000);
  gb = await launchGangbord({ mode: 'kiosk', now: '2026-11-24T16:59:40+01:00', args: [`--provisioning=${provisioningFile()}`, '--profile=gang-b1'] });
  const running = gb;

  await expect.poll(() => logLines(running.log(), 'kiosk.display-power').length, { timeout: 30_000 }).toBeGreaterThan(0);
  expect(logLines(running.log(), 'kiosk.display-power')[0]).toMatchObject({ keepAwake: true, blockerHeld: true, until: '2026-11-24T16:00:00.000Z', profile: 'gang-b1' });

  await expect.poll(() => logLines(running.log(), 'kiosk.display-power').length, { timeout: 30_000 }).toBe(2);
  expect(logLines(running.log(), 'kiosk.display-power')[1]).toMatchObject({ keepAwake: false, blockerHeld: false, until: '2026-11-25T06:30:00.000Z', profile: 'gang-b1' });

  // The page runs the same profile.
  const setup = await running.page.evaluate(() => (globalThis as unknown as PageGlobals).gangbord!.calls['display.current']!({})) as { ok: boolean; value?: { profile: { id: string } } };
  expect(setup).toMatchObject({ ok: true, value: { profile: { id: 'gang-b1' } } });
});

test('on Linux, --start-at-login=on writes an XDG autostart entry that starts this app', async () => {
  test.skip(process.platform !== 'linux', 'the XDG autostart entry is Linux-only; login items elsewhere are not changed by tests');
  const config = mkdtempSync(join(tmpdir(), 'gangbord-xdg-'));
  temporary.push(config);
  gb = await launchGangbord({ mode: 'kiosk', args: ['--start-at-login=on'], env: { XDG_CONFIG_HOME: config } });
  const running = gb;

  await expect.poll(() => logLines(running.log(), 'autostart.entry').length, { timeout: 30_000 }).toBe(1);
  const entry = readFileSync(join(config, 'autostart', 'nl.gangbord.app.desktop'), 'utf8');
  expect(entry).toContain('[Desktop Entry]');
  expect(entry).toContain(`Exec="${electronInstall().path}" "${root}"`);
});
