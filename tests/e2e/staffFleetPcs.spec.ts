import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicKeyText } from '../../electron/core/fleet/keys';
import { expect, test } from './support/kiosk';
import { ownKeyOf } from './staffSupport/fleetKey';
import { go, openAsFirstAdmin, openStaff, setUpFirstAdmin, signOut } from './staffSupport/staffFlows';
import { type RunningStaffHost, startStaffHost } from './staffSupport/staffHost';

test.use({ actionTimeout: 15_000 });

// A staff PC joining the fleet (docs/fleet.md, "Staff PCs in the fleet"), through both pages: the PC's sign-in screen
// shows its code, the publisher desk's Screens page lists it as a staff PC waiting, the administrator approves it by
// that code, the PC says it is approved, what it logged reaches the school's audit log with its chain checked, and
// it is revoked. The pupils and photos that then flow are shown by the fleet test (staffFleet.integration.test.ts).
const SCHOOL = 'gangbord-college';
let desk: RunningStaffHost | null = null;
let pc: RunningStaffHost | null = null;
let folder: string | null = null;
test.afterEach(async ({ page }) => {
  await page.close();
  await desk?.stop();
  await pc?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
  desk = pc = folder = null;
});

test('a staff PC: approved by its code on the Screens page, its audit entries in the school log, revoked', async ({ page, browser }) => {
  test.setTimeout(150_000);
  folder = mkdtempSync(join(tmpdir(), 'gangbord-staff-pcs-e2e-'));
  mkdirSync(join(folder, 'pub'), { recursive: true });
  desk = await startStaffHost({ settings: { fleet: { folder, school: SCHOOL } } });
  await openAsFirstAdmin(page, desk);
  await go(page, 'Schermen');
  const publisherKey = publicKeyText(await ownKeyOf(desk.dataDir));

  // The staff PC: its source is the fleet folder, pinned to the publisher's key; no upstream credential anywhere.
  pc = await startStaffHost({ settings: { source: { type: 'fleet', folder, school: SCHOOL, publisherKey } } });
  const pcPage = await browser.newPage();
  try {
    await openStaff(pcPage, pc);
    const own = pcPage.getByTestId('fleet-pc-code');
    await expect(own).toContainText('wacht op goedkeuring');
    mkdirSync('screenshots', { recursive: true });
    await pcPage.screenshot({ path: 'screenshots/fleet-staff-pc-sign-in.png' });
    const code = /code ([0-9A-F]{4} [0-9A-F]{4})/.exec(await own.innerText())![1]!;
    await setUpFirstAdmin(pcPage, { username: 'concierge', displayName: 'Co Ciërge', password: 'lang genoeg wachtwoord' });
    await signOut(pcPage);

    await page.getByRole('button', { name: 'Vernieuwen' }).click();
    const waiting = page.locator('[data-testid^="fleet-waiting-pc-"]');
    await expect(waiting).toContainText('Personeels-pc');
    await expect(waiting).toContainText(code);
    // A staff PC runs no display profile: the form does not ask for one.
    await expect(waiting.getByLabel('Profiel')).toHaveCount(0);
    await waiting.getByLabel('Naam van de pc').fill('Personeelskamer');
    await waiting.getByRole('button', { name: 'Goedkeuren' }).click();
    const staffPcs = page.getByTestId('fleet-staff-pcs');
    await expect(staffPcs.getByRole('row', { name: /Personeelskamer/ })).toContainText('Actief');

    // The PC reads the roster within seconds and says it is approved on its sign-in screen, without a reload.
    await expect(own).toContainText('goedgekeurd als Personeelskamer', { timeout: 30_000 });

    // What the PC logged (its administrator set up, signed in and out) reaches the school's log, every chain checked.
    const filter = page.getByTestId('school-audit-filter');
    await expect(async () => {
      await filter.getByRole('button', { name: 'Ophalen' }).click();
      await expect(page.getByTestId('school-audit-entries')).toContainText('Personeelskamer', { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId('school-audit-entries')).toContainText('ingelogd');
    await expect(page.getByTestId('school-audit-verified')).toContainText(/Alle \d+ regels gecontroleerd/);
    // The same filters as the PC's own log: only sign-ins and sign-outs, in the page's words.
    await filter.getByRole('combobox', { name: 'Soort' }).selectOption('signIn');
    await filter.getByRole('button', { name: 'Ophalen' }).click();
    await expect(page.getByTestId('school-audit-entries')).toContainText('uitgelogd');
    await expect(page.getByTestId('school-audit-entries')).not.toContainText('accounts.change');
    const download = page.waitForEvent('download');
    await filter.getByRole('button', { name: 'CSV downloaden' }).click();
    const csv = await (await download).path();
    expect(csv).toBeTruthy();

    mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/fleet-staff-pcs.png', fullPage: true });
    page.once('dialog', (dialog) => void dialog.accept());
    await staffPcs.getByRole('row', { name: /Personeelskamer/ }).getByRole('button', { name: 'Intrekken' }).click();
    await expect(staffPcs.getByRole('row', { name: /Personeelskamer/ })).toContainText('Ingetrokken');
    // The PC reads that from the roster too, says so, and no longer holds pupils or photos.
    await expect(own).toContainText('ingetrokken op de centrale pc', { timeout: 30_000 });
  } finally {
    await pcPage.close();
  }
});
