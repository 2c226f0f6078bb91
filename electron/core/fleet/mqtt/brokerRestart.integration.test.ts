import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NowNextBoard } from '@shared/contract';
import { instantAt } from '@shared/timetable/zonedTime';
import { generateDemoSchool } from '../../demo/demoSchool';
import { memoryLogger } from '../../logger';
import { useTempDirs } from '../../testing/tempDir';
import { acknowledgements, approve, type FleetContext, loadRoster, screenStatuses, sendFleetAlert, waitingScreens } from '../fleetAdmin';
import { newKeyPair, publicKeyText } from '../keys';
import { createPublisher } from '../publisher';
import { fleetFile, headerSeq } from '../store/fleetStore';
import { folderStore } from '../store/folderStore';
import { mqttStore } from '../store/mqttStore';
import { ask, forkScreen, publisherOnBroker, stopScreens } from '../testing/fleetOnLoopback';
import { publisherUsername } from './brokerCredentials';
import { MOSQUITTO, runMosquitto } from './testing/mosquittoProcess';
import { fleetTopics } from './topics';

// A board's Mosquitto stopped and started again (docs/fleet-mqtt.md, "When the broker is away"), with three kiosk
// cores in processes of their own on both the broker and the share. An alert sent while the broker is down reaches
// every screen through the folder; the broker comes back empty (no persistence), and the publisher and the screens
// put back what it lost: the bundle, the roster, the open alert and every screen's acknowledgement.
const SCHOOL = 'gangbord-college';
const ZONE = 'Europe/Amsterdam';
const DAY = '2026-11-24';
const SCREENS = 3;
const tempDir = useTempDirs();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

const skip = MOSQUITTO ? '' : " (skipped: mosquitto is not installed here; .ci/run installs Debian's mosquitto)";
describe.skipIf(!MOSQUITTO)(`a board's Mosquitto stopped and started again${skip}`, () => {
  it('loses nothing: the folder carries an alert meanwhile, and the bundle, roster, open alert and acknowledgements are back on the broker', async () => {
    const folder = tempDir();
    const key = newKeyPair();
    const now = instantAt(DAY, '07:00', ZONE);
    const log = memoryLogger();
    // The publisher's clock runs as the screens' do (from 07:00 on the test day): each alert is numbered by it.
    const started = Date.now();
    const ctx: FleetContext = { dataDir: tempDir(), folder, school: SCHOOL, key, now: () => now + Date.now() - started };
    // The publisher writes to the broker and to the share, as a school with both does.
    const onBroker = await publisherOnBroker({ transport: 'mosquitto', ctx, ownFolder: folder, log });
    let mosquitto = onBroker.mosquitto!;
    const look = mqttStore({
      url: onBroker.url, topics: fleetTopics('gangbord', SCHOOL), role: { role: 'publisher' }, username: publisherUsername(SCHOOL), password: onBroker.token,
      log, reconnectMs: 200,
    });
    try {
      const picture = generateDemoSchool({ size: 'standard', now, zone: ZONE, scope: 'kiosk' });
      await createPublisher({ folder, store: ctx.store, school: SCHOOL, key, now: ctx.now, log }).publish(picture);
      const screen = () => forkScreen({ folder, school: SCHOOL, publisherKey: publicKeyText(key.publicKey), dataDir: tempDir(), now, mqttUrl: onBroker.url });
      children.push(...await Promise.all(Array.from({ length: SCREENS }, screen)));
      await expect.poll(async () => (await waitingScreens(ctx)).length, { timeout: 30_000, interval: 250 }).toBe(SCREENS);
      for (const [i, request] of (await waitingScreens(ctx)).entries()) await approve(ctx, request.id, `Scherm ${i + 1}`, null);
      mosquitto.reload();
      const expected = JSON.stringify(picture.rooms.map((r) => r.code).sort());
      const showing = async () => (await Promise.all(children.map((c) => ask<{ board: NowNextBoard | null }>(c, { type: 'board', at: instantAt(DAY, '09:00', ZONE) }, 'board'))))
        .filter((b) => JSON.stringify(b.board?.rooms.map((r) => r.room.code).sort()) === expected).length;
      await expect.poll(showing, { timeout: 30_000, interval: 500 }).toBe(SCREENS);
      const first = await sendFleetAlert(ctx, { template: 'evacuation', title: null, text: '', drill: true, groups: [], minutes: 30 });
      await expect.poll(async () => (await acknowledgements(ctx, first.id)).shown.length, { timeout: 15_000, interval: 250 }).toBe(SCREENS);

      // The broker stops. An alert sent now is written to the share only, and every screen shows and acknowledges it.
      await mosquitto.stop();
      const meanwhile = await sendFleetAlert(ctx, { template: 'lockdown', title: null, text: '', drill: true, groups: [], minutes: 30 });
      await expect.poll(async () => (await acknowledgements(ctx, meanwhile.id)).shown.length, { timeout: 15_000, interval: 250 }).toBe(SCREENS);

      // Started again with nothing retained: within a reconnect (2 s) the publisher puts back its bundle, roster and
      // open alert, and each screen its acknowledgement of the alert it was sent meanwhile; none is said offline.
      mosquitto = await runMosquitto({
        port: mosquitto.port, passwords: join(ctx.dataDir, 'mqtt', 'passwords'), acl: join(ctx.dataDir, 'mqtt', 'acl'),
        probe: { username: publisherUsername(SCHOOL), password: onBroker.token },
      });
      const share = folderStore(folder);
      const alertFile = fleetFile.alertOf(key.keyId);
      const sameAsShare = async (file: string) => {
        const seq = headerSeq(await look.read(file));
        return seq > 0 && seq === headerSeq(await share.read(file));
      };
      const back = async () => (await Promise.all([fleetFile.bundle, fleetFile.roster, alertFile].map(sameAsShare))).every(Boolean);
      await expect.poll(back, { timeout: 10_000, interval: 200 }).toBe(true);
      const ids = loadRoster(ctx).screens.map((s) => s.id);
      const acked = async () => (await Promise.all(ids.map(async (id) => (await look.read(fleetFile.ackOf(id)))?.toString().includes(meanwhile.id) ?? false)))
        .filter(Boolean).length;
      await expect.poll(acked, { timeout: 10_000, interval: 200 }).toBe(SCREENS);
      expect((await look.read(alertFile))!.toString()).toContain('Lockdown');
      await expect.poll(async () => (await screenStatuses(ctx, loadRoster(ctx))).filter((r) => r.offline).length, { timeout: 10_000, interval: 250 }).toBe(0);
    } finally {
      await look.close();
      await stopScreens(children.splice(0));
      await onBroker.broker.stop();
      await mosquitto.stop();
    }
  }, 120_000);
});
