import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approve, type FleetContext, loadRoster, waitingScreens } from '../../electron/core/fleet/fleetAdmin';
import { type FleetScreen, startFleetScreen } from '../../electron/core/fleet/fleetScreen';
import { newKeyPair, publicKeyText } from '../../electron/core/fleet/keys';
import { brokerToken, publisherUsername } from '../../electron/core/fleet/mqtt/brokerCredentials';
import { type PublisherBroker, startPublisherBroker } from '../../electron/core/fleet/mqtt/publisherBroker';
import { MOSQUITTO, type RunningMosquitto, runMosquitto } from '../../electron/core/fleet/mqtt/testing/mosquittoProcess';
import { memoryLogger } from '../../electron/core/logger';
import { memorySecretStore } from '../../electron/core/secrets/secretStore';
import { freePort } from '../../electron/core/testing/freePort';
import { expect, test } from './support/kiosk';
import { go, openAsFirstAdmin } from './staffSupport/staffFlows';
import { type RunningStaffHost, startStaffHost } from './staffSupport/staffHost';

test.use({ actionTimeout: 15_000 });

// A school board's publisher desk (docs/fleet-mqtt.md, "A whole board") on Debian's Mosquitto: the Screens page says
// the broker is connected, lists another school's screen under "Andere scholen van het bestuur" with its health, shows
// it offline by the broker's word when it goes away, and the status export covers both schools.
const WEST = 'lyceum-west';
const OOST = 'college-oost';
const dirs: string[] = [];
const stops: (() => Promise<void> | void)[] = [];
test.afterEach(async ({ page }) => {
  await page.close();
  for (const stop of stops.splice(0).reverse()) await stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const dir = () => {
  const made = mkdtempSync(join(tmpdir(), 'gangbord-board-e2e-'));
  dirs.push(made);
  return made;
};

test('board: another school\'s screens on the Screens page through the broker, offline by its Last Will, in the status export', async ({ page }) => {
  test.skip(!MOSQUITTO, "mosquitto is not installed here (.ci/run installs Debian's mosquitto)");
  test.setTimeout(120_000);
  const port = await freePort();
  const url = `mqtt://127.0.0.1:${port}`;
  const log = memoryLogger();

  // The other school: its publisher (in this process) with the broker files it writes.
  const oostKey = newKeyPair();
  const oostSecrets = memorySecretStore();
  const oostCtx: FleetContext = { dataDir: dir(), folder: dir(), school: OOST, key: oostKey, now: () => Date.now() };
  const oostBroker: PublisherBroker = await startPublisherBroker({
    dataDir: oostCtx.dataDir, folder: oostCtx.folder, school: OOST, secrets: oostSecrets, log, roster: () => loadRoster(oostCtx),
    mqtt: { url, prefix: 'gangbord', embedded: false, keepaliveSeconds: 2, board: [] },
  });
  stops.push(() => oostBroker.stop());
  Object.assign(oostCtx, { store: oostBroker.store, afterRoster: oostBroker.afterRoster });

  // This desk: the west school's publisher, watching the east school.
  const host: RunningStaffHost = await startStaffHost({
    settings: { fleet: { folder: dir(), school: WEST, mqtt: { url, board: [{ school: OOST, publisherKey: publicKeyText(oostKey.publicKey) }] } } },
  });
  stops.push(() => host.stop());

  // The board's Mosquitto: both schools' password and ACL files in one, read again after each approval.
  const merged = dir();
  const merge = () => {
    for (const f of ['passwords', 'acl']) {
      writeFileSync(join(merged, f), [host.dataDir, oostCtx.dataDir].map((d) => readFileSync(join(d, 'mqtt', f), 'utf8')).join('\n'));
    }
  };
  merge();
  const broker: RunningMosquitto = await runMosquitto({
    port, passwords: join(merged, 'passwords'), acl: join(merged, 'acl'), probe: { username: publisherUsername(OOST), password: await brokerToken(oostSecrets) },
  });
  stops.push(() => broker.stop());

  // A screen at the east school, approved there.
  const screen: FleetScreen = await startFleetScreen({
    config: { type: 'fleet', folder: oostCtx.folder, school: OOST, publisherKey: publicKeyText(oostKey.publicKey), mqtt: { url, prefix: 'gangbord', embedded: false, keepaliveSeconds: 2, board: [] } },
    secrets: memorySecretStore(), now: () => Date.now(), log, displayGroup: () => null, onAlerts: () => {},
    health: () => ({ version: '0.9.0', profile: null, screenOn: true, dataAsOf: Date.now(), lastError: null }),
  });
  stops.push(() => screen.stop());
  await expect.poll(async () => (await waitingScreens(oostCtx)).length, { timeout: 10_000 }).toBe(1);
  await approve(oostCtx, (await waitingScreens(oostCtx))[0]!.id, 'Aula oost', null);
  merge();
  broker.reload();
  await expect.poll(() => screen.connected(), { timeout: 10_000 }).toBe(true);
  await screen.writeStatus();

  await openAsFirstAdmin(page, host);
  await go(page, 'Schermen');
  const refresh = () => page.getByRole('button', { name: 'Vernieuwen' }).click();
  await expect.poll(async () => {
    await refresh();
    return page.getByTestId('fleet-broker').innerText();
  }, { timeout: 20_000 }).toContain(`Broker ${url}: verbonden`);
  const oost = page.getByTestId(`fleet-board-${OOST}`);
  await expect(page.getByRole('heading', { name: 'Andere scholen van het bestuur' })).toBeVisible();
  await expect(oost.getByRole('row', { name: /Aula oost/ })).toContainText('Online');
  await expect(oost).toContainText('1 scherm(en), 0 offline');
  await page.screenshot({ path: 'screenshots/fleet-board.png', fullPage: true });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Status als CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv).toMatch(/^school,id,name,health,offline,/);
  expect(csv).toMatch(new RegExp(`^"${OOST}","${screen.screenId}","Aula oost","green","false"`, 'm'));

  // The screen is switched off: the broker says so, and the page shows it offline by the broker's word.
  screen.stop();
  await expect.poll(async () => {
    await refresh();
    return oost.getByRole('row', { name: /Aula oost/ }).innerText();
  }, { timeout: 15_000 }).toContain('Offline');
  await expect(oost.getByTestId('fleet-broker-offline')).toContainText('volgens de broker weg');
  await expect(oost).toContainText('1 scherm(en), 1 offline');
});
