import type { KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFleetScreen } from '../../electron/core/fleet/fleetScreen';
import { publicKeyText, spokenFingerprint } from '../../electron/core/fleet/keys';
import { memoryLogger } from '../../electron/core/logger';
import { memorySecretStore } from '../../electron/core/secrets/secretStore';
import { expect, test } from './support/kiosk';
import { ownKeyOf } from './staffSupport/fleetKey';
import { go, openAsFirstAdmin } from './staffSupport/staffFlows';
import { type RunningStaffHost, startStaffHost } from './staffSupport/staffHost';

test.use({ actionTimeout: 15_000 });

// The Screens page (docs/fleet.md) on a staff PC set up as the fleet's publisher desk: a screen asks to join, the
// administrator compares its code, approves it with a name and a profile, sees its health, and sends a drill alert
// whose live count reaches "1 of 1". On the real clock: the screen signs its status with the time it has.
const SCHOOL = 'gangbord-college';
let host: RunningStaffHost | null = null;
let senderHost: RunningStaffHost | null = null;
let folder: string | null = null;
test.afterEach(async ({ page }) => {
  await page.close();
  await host?.stop();
  await senderHost?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
  host = senderHost = folder = null;
});

/** A CAP 1.2 exercise as a safety region would send it. */
const capExercise = (expires: string) => `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>VRU-2026-0042</identifier><sender>meldkamer@vru.nl</sender><sent>${expires}</sent>
  <status>Exercise</status><msgType>Alert</msgType><scope>Public</scope>
  <info>
    <language>nl-NL</language><category>Fire</category><event>Brand</event>
    <urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>
    <expires>${expires}</expires>
    <headline>Grote brand in de buurt</headline>
    <description>Er drijft rook richting de school.</description>
    <instruction>Sluit ramen en deuren.</instruction>
  </info>
</alert>`;

/** A screen on the folder, pinned to the publisher's key, as a kiosk core runs it (its commands collected). */
async function screenOn(dir: string, publisherKey: KeyObject, commands: string[] = []) {
  return startFleetScreen({
    config: { type: 'fleet', folder: dir, school: SCHOOL, publisherKey: publicKeyText(publisherKey) }, secrets: memorySecretStore(), now: () => Date.now(), log: memoryLogger(),
    displayGroup: () => null, onAlerts: () => {}, rosterMs: 200, commandMs: 200, onCommand: (action) => commands.push(action),
    health: () => ({ version: '0.1.0', profile: 'gang-a', screenOn: true, dataAsOf: Date.now(), lastError: null }),
  });
}

test('screens: approve a waiting screen, see it online, send a drill alert and watch every screen acknowledge it', async ({ page }) => {
  test.setTimeout(120_000);
  folder = mkdtempSync(join(tmpdir(), 'gangbord-screens-e2e-'));
  mkdirSync(join(folder, 'pub'), { recursive: true });
  host = await startStaffHost({
    settings: { fleet: { folder, school: SCHOOL }, display: { profiles: [{ id: 'gang-a', name: 'Gang A', layout: 'corridor' }] } },
  });
  await openAsFirstAdmin(page, host);
  await go(page, 'Schermen');
  await expect(page.getByRole('heading', { level: 2, name: 'Schermen' })).toBeVisible();
  const fingerprint = /Vingerafdruk van de centrale pc: ([0-9A-F ]{39})/.exec(await page.getByText('Vingerafdruk van de centrale pc').innerText())![1]!;

  // A screen on the same folder, pinned to the publisher's key (read from the folder the page's core made it for).
  const publisherKey = await ownKeyOf(host.dataDir);
  // The fingerprint the page shows is the key's.
  expect(spokenFingerprint(publisherKey)).toBe(fingerprint);
  const commands: string[] = [];
  const screen = await screenOn(folder, publisherKey, commands);
  try {
    await page.getByRole('button', { name: 'Vernieuwen' }).click();
    const waiting = page.getByTestId(`fleet-waiting-${screen.screenId}`);
    await expect(waiting).toContainText(screen.info().code);
    expect(screen.info().fingerprint.startsWith(screen.info().code)).toBe(true);
    await waiting.getByLabel('Naam van het scherm').fill('Gang A begane grond');
    await waiting.getByLabel('Profiel').selectOption('gang-a');
    await waiting.getByRole('button', { name: 'Goedkeuren' }).click();

    const table = page.getByTestId('fleet-screens');
    await expect(table).toContainText('Gang A begane grond');
    await expect.poll(() => screen.info().enrolled, { timeout: 5_000 }).toBe(true);
    await screen.writeStatus();
    await page.getByRole('button', { name: 'Vernieuwen' }).click();
    await expect(table.getByRole('row', { name: /Gang A begane grond/ })).toContainText('Online');

    // Identify, carried out by the screen within a second; a picture of a page (here Chromium's, in the desktop app
    // Electron's), signed by the screen and shown once its signature holds; the status export for monitoring.
    await page.getByRole('checkbox', { name: 'Kies Gang A begane grond' }).check();
    await page.getByTestId('fleet-actions').getByRole('button', { name: 'Identificeren' }).click();
    await expect(page.getByTestId('fleet-command-done')).toContainText('1 scherm(en) tonen 30 seconden hun naam');
    await expect.poll(() => commands, { timeout: 5_000 }).toEqual(['identify']);
    await expect(table.getByText(/Nog geen beeld/)).toBeVisible();
    await screen.storeThumbnail(await page.screenshot({ clip: { x: 0, y: 0, width: 480, height: 270 } }));
    await page.getByRole('button', { name: 'Vernieuwen' }).click();
    await expect(table.getByRole('img', { name: 'Wat Gang A begane grond toont' })).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Status als CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    expect(csv).toMatch(/^school,id,name,health,offline,/);
    expect(csv).toContain(`"${SCHOOL}","${screen.screenId}","Gang A begane grond","green","false"`);

    const form = page.getByTestId('fleet-alert-form');
    await form.getByRole('combobox', { name: /^Soort/ }).selectOption('evacuation');
    await form.getByLabel(/Oefening/).check();
    await form.getByRole('button', { name: 'Versturen' }).click();
    await expect(page.getByTestId('fleet-alert-count')).toContainText('1 van 1 schermen tonen de melding', { timeout: 10_000 });
    mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/fleet-screens-page.png', fullPage: true });

    // A CAP 1.2 exercise from the safety region fills the form; checked, it goes out as any alert does.
    const expires = new Date(Date.now() + 30 * 60_000).toISOString().replace(/\.\d+Z$/, '+00:00');
    await page.getByTestId('fleet-cap').getByLabel('CAP-bestand').setInputFiles({ name: 'vru-0042.xml', mimeType: 'application/xml', buffer: Buffer.from(capExercise(expires)) });
    await expect(page.getByTestId('fleet-cap-read')).toContainText('CAP-melding VRU-2026-0042 van meldkamer@vru.nl');
    await expect(form.getByLabel(/^Kop/)).toHaveValue('Grote brand in de buurt');
    await expect(form.getByLabel(/Oefening/)).toBeChecked();
    await expect(form.getByLabel('Minuten')).toHaveValue(/^(29|30)$/);
    await form.getByRole('button', { name: 'Versturen' }).click();
    await expect(page.getByTestId('fleet-alert-count')).toContainText('1 van 1 schermen tonen de melding', { timeout: 10_000 });
  } finally {
    screen.stop();
  }
});

test('an alert sender at reception: its key added on the publisher\'s desk, its alert reaches the screen and is counted there, without the publisher', async ({ page, browser }) => {
  test.setTimeout(120_000);
  folder = mkdtempSync(join(tmpdir(), 'gangbord-senders-e2e-'));
  mkdirSync(join(folder, 'pub'), { recursive: true });
  host = await startStaffHost({ settings: { fleet: { folder, school: SCHOOL } } });
  await openAsFirstAdmin(page, host);
  await go(page, 'Schermen');
  const publisherKey = await ownKeyOf(host.dataDir);
  const screen = await screenOn(folder, publisherKey);
  const reception = await browser.newPage();
  try {
    await page.getByRole('button', { name: 'Vernieuwen' }).click();
    const waiting = page.getByTestId(`fleet-waiting-${screen.screenId}`);
    await waiting.getByLabel('Naam van het scherm').fill('Aula');
    await waiting.getByRole('button', { name: 'Goedkeuren' }).click();
    await expect.poll(() => screen.info().enrolled, { timeout: 5_000 }).toBe(true);

    // The reception PC: a staff PC set up as an alert sender, pinned to the publisher's key.
    senderHost = await startStaffHost({ settings: { fleet: { folder, school: SCHOOL, role: 'sender', publisherKey: publicKeyText(publisherKey) } } });
    await openAsFirstAdmin(reception, senderHost);
    await go(reception, 'Schermen');
    await expect(reception.getByTestId('fleet-sender-listed')).toContainText('Nog niet opgenomen');
    // Until the publisher lists it, its key is a stranger's: the screen refuses its alerts.
    await reception.getByRole('button', { name: 'Versturen' }).click();
    await expect(reception.getByTestId('fleet-alert-count')).toBeVisible();
    // The screen looks for alerts every 250 ms: two seconds later it still has not shown this one.
    await reception.waitForTimeout(2_000);
    await expect(reception.getByTestId('fleet-alert-count')).toContainText('0 van 1 schermen tonen de melding');
    await expect(reception.getByTestId('fleet-alert-count')).toContainText('Nog niet: Aula');
    const senderKey = await reception.getByTestId('fleet-sender-key').inputValue();

    const add = page.getByTestId('fleet-add-sender');
    await add.getByLabel('Naam van de pc').fill('Receptie');
    await add.getByLabel('Publieke sleutel van de pc').fill(senderKey);
    await add.getByRole('button', { name: 'Toevoegen' }).click();
    await expect(page.getByTestId('fleet-senders')).toContainText('Receptie');

    // The publisher's desk goes away (its page first, so it does not call a host that is gone); the sender needs
    // only the folder.
    await page.goto('about:blank');
    await host.stop();
    host = null;
    await reception.getByRole('button', { name: 'Vernieuwen' }).click();
    await expect(reception.getByTestId('fleet-sender-listed')).toContainText('De centrale pc heeft deze pc als meldingzender opgenomen');
    await expect(reception.getByTestId('fleet-screens')).toContainText('Aula');
    const form = reception.getByTestId('fleet-alert-form');
    await form.getByRole('combobox', { name: /^Soort/ }).selectOption('lockdown');
    await form.getByRole('button', { name: 'Versturen' }).click();
    await expect(reception.getByTestId('fleet-alert-count')).toContainText('1 van 1 schermen tonen de melding', { timeout: 10_000 });
    mkdirSync('screenshots', { recursive: true });
    await reception.screenshot({ path: 'screenshots/fleet-sender-count.png', fullPage: true });
  } finally {
    screen.stop();
    await reception.close();
  }
});
