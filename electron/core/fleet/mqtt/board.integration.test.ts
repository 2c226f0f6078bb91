import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../logger';
import { memorySecretStore } from '../../secrets/secretStore';
import { freePort } from '../../testing/freePort';
import { useTempDirs } from '../../testing/tempDir';
import { approve, boardStatuses, type FleetContext, loadRoster, statusCsv, waitingScreens } from '../fleetAdmin';
import { type FleetScreen, startFleetScreen } from '../fleetScreen';
import { newKeyPair, publicKeyText } from '../keys';
import { brokerToken, publisherUsername } from './brokerCredentials';
import { type PublisherBroker, startPublisherBroker } from './publisherBroker';
import { MOSQUITTO, type RunningMosquitto, runMosquitto } from './testing/mosquittoProcess';

// A school board on one Mosquitto (docs/fleet-mqtt.md, "A whole board"): two schools, each with its publisher desk
// and the files it writes for the broker, merged as the board's IT does. The first desk watches the second school:
// its Screens page lists that school's screens with their health, and the status export covers both. It reads that
// school's roster and statuses and nothing else, and checks them with that school's publisher's and screens' keys.
const tempDir = useTempDirs();
const skip = MOSQUITTO ? '' : " (skipped: mosquitto is not installed here; .ci/run installs Debian's mosquitto)";
const stops: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

describe.skipIf(!MOSQUITTO)(`a school board's publisher desk${skip}`, () => {
  it("shows another school's screens through the broker, and exports the status of both", async () => {
    const port = await freePort();
    const url = `mqtt://127.0.0.1:${port}`;
    const log = memoryLogger();
    const school = (id: string) => ({ id, key: newKeyPair(), secrets: memorySecretStore(), dataDir: tempDir(), folder: tempDir() });
    const west = school('lyceum-west');
    const oost = school('college-oost');
    const ctx = (s: typeof west): FleetContext => ({ dataDir: s.dataDir, folder: s.folder, school: s.id, key: s.key, now: () => Date.now() });
    const desk = async (s: typeof west, board: { school: string; publisherKey: string }[]) => {
      const c = ctx(s);
      const broker: PublisherBroker = await startPublisherBroker({
        dataDir: s.dataDir, folder: s.folder, school: s.id, secrets: s.secrets, log, roster: () => loadRoster(c),
        mqtt: { url, prefix: 'gangbord', embedded: false, keepaliveSeconds: 2, board },
      });
      stops.push(() => broker.stop());
      return { ctx: { ...c, store: broker.store, afterRoster: broker.afterRoster }, broker };
    };
    const westDesk = await desk(west, [{ school: oost.id, publisherKey: publicKeyText(oost.key.publicKey) }]);
    const oostDesk = await desk(oost, []);
    // The board's broker: both schools' password and ACL files in one.
    const merged = tempDir();
    const merge = () => {
      for (const f of ['passwords', 'acl']) writeFileSync(join(merged, f), [west, oost].map((s) => readFileSync(join(s.dataDir, 'mqtt', f), 'utf8')).join('\n'));
    };
    merge();
    const broker: RunningMosquitto = await runMosquitto({
      port, passwords: join(merged, 'passwords'), acl: join(merged, 'acl'), probe: { username: publisherUsername(west.id), password: await brokerToken(west.secrets) },
    });
    stops.push(() => broker.stop());
    // The west desk's user reads only the east school's roster, statuses and presence: no bundle, no alert.
    const westUser = readFileSync(join(merged, 'acl'), 'utf8').split('\n\n').find((block) => block.startsWith(`user ${publisherUsername(west.id)}\n`))!;
    expect(westUser.split('\n').filter((line) => line.includes('college-oost'))).toEqual([
      'topic read gangbord/college-oost/pub/roster', 'topic read gangbord/college-oost/screens/+/status', 'topic read gangbord/college-oost/screens/+/presence',
    ]);

    // A screen at the east school, approved there; the board's broker reads the files again.
    const screen: FleetScreen = await startFleetScreen({
      config: { type: 'fleet', folder: oost.folder, school: oost.id, publisherKey: publicKeyText(oost.key.publicKey), mqtt: { url, prefix: 'gangbord', embedded: false, keepaliveSeconds: 2, board: [] } },
      secrets: memorySecretStore(), now: () => Date.now(), log, displayGroup: () => null, onAlerts: () => {},
      health: () => ({ version: '0.9.0', profile: null, screenOn: true, dataAsOf: null, lastError: null }),
    });
    stops.push(() => screen.stop());
    const [request] = await waitingScreens(oostDesk.ctx);
    await approve(oostDesk.ctx, request!.id, 'Aula oost', null);
    merge();
    broker.reload();
    await expect.poll(() => screen.connected(), { timeout: 10_000 }).toBe(true);
    await screen.writeStatus();

    const board = westDesk.broker.board[0]!;
    await expect.poll(async () => (await boardStatuses(board, () => Date.now())).rows.map((r) => [r.name, r.health, r.status?.version]), { timeout: 10_000 })
      .toEqual([['Aula oost', 'green', '0.9.0']]);
    const csv = statusCsv([{ school: west.id, rows: [] }, await boardStatuses(board, () => Date.now())]);
    expect(csv[0]).toMatch(/^school,id,name,health,offline,/);
    expect(csv[1]).toMatch(/^"college-oost","scherm-[0-9a-f]{10}","Aula oost","green","false",/);
    // Its roster signed by another key than the east publisher's: refused, and said, not shown.
    const wrongKey = await boardStatuses({ ...board, publisherKey: publicKeyText(newKeyPair().publicKey) }, () => Date.now());
    expect(wrongKey).toMatchObject({ problem: expect.stringContaining('refused'), rows: [] });

    // The screen is switched off (it says so on its way out): the board sees it offline.
    await screen.stop();
    await expect.poll(async () => (await boardStatuses(board, () => Date.now())).rows[0]?.health, { timeout: 10_000 }).toBe('red');
  });
});
