import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertMessage } from '../../electron/core/fleet/alertMessage';
import { countAcknowledgements, sendAlert } from '../../electron/core/fleet/alertSender';
import { sealBundle } from '../../electron/core/fleet/bundle';
import { sendCommand } from '../../electron/core/fleet/commands';
import { fleetPaths, writeAtomically } from '../../electron/core/fleet/fleetFolder';
import { keyIdOf, newKeyPair, publicKeyFromText, publicKeyText } from '../../electron/core/fleet/keys';
import { sealRoster } from '../../electron/core/fleet/roster';
import { folderStore } from '../../electron/core/fleet/store/folderStore';
import { generateDemoSchool } from '../../electron/core/demo/demoSchool';
import { at, isoInstant, ZONE } from './support/demoSchool';
import { expect, openPage, test, withHost } from './support/kiosk';
import { startWebHost } from './support/webHost';
import { FAST_SYNC, provisioning } from './support/provisioning';

// A screen in a school's fleet (docs/fleet.md): no upstream, no credential; it shows the bundle the publisher signed
// into the shared folder, and an alert signed by the publisher's key takes over the screen and is acknowledged.
const NOW = at('2026-11-24', '09:15');
const SCHOOL = 'gangbord-college';

/** A fleet folder with a publisher's signed bundle of the small demo school (named Vlootcollege), and a screen's source. */
async function publishedFolder() {
  const folder = mkdtempSync(join(tmpdir(), 'gangbord-fleet-e2e-'));
  const publisher = newKeyPair();
  const picture = generateDemoSchool({ size: 'small', now: NOW, zone: ZONE, scope: 'kiosk' });
  await writeAtomically(fleetPaths(folder).bundle, sealBundle({ ...picture, school: { ...picture.school, name: 'Vlootcollege' } }, { school: SCHOOL, seq: 1, now: NOW }, publisher));
  const source = { type: 'fleet' as const, folder, school: SCHOOL, publisherKey: publicKeyText(publisher.publicKey) };
  return { folder, publisher, picture, source };
}

test('a fleet screen waits for approval with its code and QR code, then shows the publisher\'s bundle and an alert within seconds, acknowledged (a stranger\'s is not shown), and runs the profile the roster assigns', async ({ page }) => {
  test.setTimeout(90_000);
  const { folder, publisher, picture, source } = await publishedFolder();
  try {
    await withHost(page, { now: isoInstant(NOW), provisioning: provisioning({ profiles: [{ id: 'gang', name: 'Gang', layout: 'corridor' }], settings: { ...FAST_SYNC, source } }) }, async (host) => {
      await openPage(page, host);
      await expect(page.getByTestId('school-name')).toHaveText('Vlootcollege', { timeout: 20_000 });

      // Not approved yet: the screen shows its id, its code and the QR code of its fingerprint, no timetable.
      const [screenId] = readdirSync(join(folder, 'screens'));
      const request = JSON.parse(readFileSync(fleetPaths(folder).requestOf(screenId!), 'utf8')) as { id: string; publicKey: string; fingerprint: string };
      await expect(page.getByTestId('fleet-screen-id')).toHaveText(request.id);
      await expect(page.getByTestId('fleet-code')).toHaveText(request.fingerprint.slice(0, 9));
      await expect(page.getByTestId('fleet-qr')).toBeVisible();
      await expect(page.getByRole('region')).toHaveCount(0);
      mkdirSync('screenshots', { recursive: true });
      await page.screenshot({ path: 'screenshots/fleet-enrolment.png' });

      // The administrator compared the code and approved it: the publisher signs it into the roster.
      const door = picture.rooms[0]!.code;
      const profiles = [{ id: 'gang', name: 'Gang', layout: 'corridor' as const }, { id: 'deur', name: `Deur ${door}`, layout: 'door' as const, rooms: { kind: 'list' as const, rooms: [door] } }];
      const roster = (profile: string) => ({ screens: [{ id: request.id, name: 'Gang A', publicKey: request.publicKey, profile, approvedAt: NOW }], senders: [], revoked: [], profiles });
      await writeAtomically(fleetPaths(folder).roster, sealRoster(roster('gang'), { school: SCHOOL, seq: 1, now: NOW }, publisher));
      await expect(page.getByTestId('fleet-enrolment')).toHaveCount(0, { timeout: 15_000 });
      await expect(page.getByRole('region').first()).toBeVisible();
      const screenKey = publicKeyFromText(request.publicKey);
      const screens = [{ id: request.id, name: 'Gang A', keyId: keyIdOf(screenKey), publicKey: screenKey }];

      const alert = (over: Partial<AlertMessage>): AlertMessage => ({
        id: 'ontruiming-1', template: 'evacuation', title: 'Ontruiming', text: 'Verlaat het gebouw via de nooduitgang.', drill: true,
        audience: [], sentAt: NOW, expiresAt: NOW + 3_600_000, ...over,
      });
      const cover = page.getByRole('alert');
      // A stranger's key: refused, the screen stays as it is.
      await sendAlert({ folder, school: SCHOOL, key: newKeyPair(), seq: 1, alert: alert({ id: 'vals-alarm-1', title: 'Vals alarm' }) });
      await page.waitForTimeout(1_500);
      await expect(cover).toHaveCount(0);

      await sendAlert({ folder, school: SCHOOL, key: publisher, seq: 2, alert: alert({}) });
      // Seconds, not minutes (the bench measures the figure: npm run bench -- fleet).
      await expect(cover).toBeVisible({ timeout: 5_000 });
      await expect(cover).toContainText('OEFENING');
      await expect(cover).toContainText('Verlaat het gebouw via de nooduitgang.');
      await page.screenshot({ path: 'screenshots/fleet-alert.png' });
      await expect.poll(async () => (await countAcknowledgements(folderStore(folder), SCHOOL, screens, publisher.keyId, 'ontruiming-1', NOW + 60_000)).shown.map((s) => s.id), { timeout: 5_000 })
        .toEqual([request.id]);

      await sendAlert({ folder, school: SCHOOL, key: publisher, seq: 3, alert: alert({ id: 'veilig-1', template: 'allClear', title: 'Alles veilig' }) });
      await expect(cover).toHaveCount(0, { timeout: 5_000 });
      await expect(page.getByTestId('school-name')).toHaveText('Vlootcollege');

      // The administrator assigns the screen another profile: the roster says so, the screen follows.
      await writeAtomically(fleetPaths(folder).roster, sealRoster(roster('deur'), { school: SCHOOL, seq: 2, now: NOW }, publisher));
      await expect(page.getByTestId('door-sign')).toBeVisible({ timeout: 15_000 });
      await expect(page.getByTestId('door-sign')).toContainText(door);
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('two screens in Chromium on the same folder show the same bundle and the same alert, each acknowledging it', async ({ page }) => {
  test.setTimeout(90_000);
  const { folder, publisher, source } = await publishedFolder();
  const options = { now: isoInstant(NOW), provisioning: provisioning({ profiles: [{ id: 'gang', name: 'Gang', layout: 'corridor' }], settings: { ...FAST_SYNC, source } }) };
  // Two kiosk cores with data folders of their own: they share nothing but the fleet folder.
  const hosts = [await startWebHost(options), await startWebHost(options)];
  const pages = [page, await page.context().newPage()];
  try {
    for (const [i, p] of pages.entries()) await openPage(p, hosts[i]!);
    await expect.poll(() => readdirSync(join(folder, 'screens')).length, { timeout: 10_000 }).toBe(2);
    // Which screen runs in which page: each shows its id while it waits to be approved.
    const ids = await Promise.all(pages.map((p) => p.getByTestId('fleet-screen-id').textContent({ timeout: 15_000 })));
    const requests = readdirSync(join(folder, 'screens')).map((id) => JSON.parse(readFileSync(fleetPaths(folder).requestOf(id), 'utf8')) as { id: string; publicKey: string });
    const roster = { screens: requests.map((r, i) => ({ id: r.id, name: `Gang ${i + 1}`, publicKey: r.publicKey, profile: null, approvedAt: NOW })), senders: [], revoked: [] };
    const nameOf = (id: string) => roster.screens.find((s) => s.id === id.trim())!.name;
    await writeAtomically(fleetPaths(folder).roster, sealRoster(roster, { school: SCHOOL, seq: 1, now: NOW }, publisher));
    for (const p of pages) {
      await expect(p.getByTestId('school-name')).toHaveText('Vlootcollege', { timeout: 20_000 });
      await expect(p.getByRole('region').first()).toBeVisible({ timeout: 15_000 });
    }
    // The same rooms on both screens.
    const codes = await Promise.all(pages.map((p) => p.getByRole('region').evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label')))));
    expect(codes[1]).toEqual(codes[0]);

    // From the Screens page: the second screen says which it is, the first reloads its page; neither does the other's.
    await pages[0]!.evaluate(() => ((window as { notReloaded?: boolean }).notReloaded = true));
    await sendCommand({ folder, school: SCHOOL, key: publisher, now: NOW }, 'identify', [ids[1]!.trim()]);
    // A screen carries out commands once it is enrolled: it reads the roster every 5 s, the commands every second.
    await expect(pages[1]!.getByTestId('fleet-identify')).toContainText(nameOf(ids[1]!), { timeout: 10_000 });
    // The reload is a navigation of that page: wait for it (asking the page mid-reload would find no page to ask).
    const reloaded = pages[0]!.waitForEvent('load', { timeout: 10_000 });
    await sendCommand({ folder, school: SCHOOL, key: publisher, now: NOW + 1 }, 'reload', [ids[0]!.trim()]);
    await reloaded;
    expect(await pages[0]!.evaluate(() => (window as { notReloaded?: boolean }).notReloaded ?? false)).toBe(false);
    await expect(pages[0]!.getByRole('region').first()).toBeVisible({ timeout: 15_000 });
    await expect(pages[0]!.getByTestId('fleet-identify')).toHaveCount(0);
    await pages[1]!.screenshot({ path: 'screenshots/fleet-identify.png' });

    const alert: AlertMessage = { id: 'lockdown-1', template: 'lockdown', title: 'Lockdown', text: 'Blijf uit het zicht.', drill: true, audience: [], sentAt: NOW, expiresAt: NOW + 3_600_000 };
    await sendAlert({ folder, school: SCHOOL, key: publisher, seq: 1, alert });
    for (const p of pages) await expect(p.getByRole('alert')).toContainText('Lockdown', { timeout: 5_000 });
    const screens = requests.map((r) => {
      const key = publicKeyFromText(r.publicKey);
      return { id: r.id, name: r.id, keyId: keyIdOf(key), publicKey: key };
    });
    await expect.poll(async () => (await countAcknowledgements(folderStore(folder), SCHOOL, screens, publisher.keyId, 'lockdown-1', NOW + 60_000)).shown.length, { timeout: 5_000 }).toBe(2);
  } finally {
    for (const p of pages) await p.close();
    for (const h of hosts) await h.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
