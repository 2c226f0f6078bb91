import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NowNextBoard } from '@shared/contract';
import { instantAt } from '@shared/timetable/zonedTime';
import { memoryLogger } from '../logger';
import { memorySecretStore } from '../secrets/secretStore';
import { createZermeloSource } from '../sources/zermelo';
import type { Snapshot } from '../sync/snapshot';
import { fetchPayload } from '../sync/syncOnce';
import { DAY, TOKEN, ZONE, zermeloSchool } from '../sources/zermelo/testing/zermeloSchool';
import { startZermeloServer } from '../sources/zermelo/testing/zermeloServer';
import { useTempDirs } from '../testing/tempDir';
import { newKeyPair, publicKeyText } from './keys';
import { createPublisher } from './publisher';
import { acknowledgements, approve, type FleetContext, loadRoster, screenStatuses, sendFleetAlert, waitingScreens } from './fleetAdmin';
import { brokerToken, publisherUsername } from './mqtt/brokerCredentials';
import { type PublisherBroker, startPublisherBroker } from './mqtt/publisherBroker';
import { MOSQUITTO, type RunningMosquitto, runMosquitto } from './mqtt/testing/mosquittoProcess';
import { isMqttStore } from './store/openFleetStore';

// The fleet on loopback (docs/fleet.md, docs/fleet-mqtt.md): one publisher syncing a Zermelo-protocol portal, twenty
// kiosk cores in processes of their own, approved by the publisher's administrator. Three times: over the folder
// alone; over Debian's Mosquitto with the password and ACL files the publisher writes; over the broker the publisher
// embeds. However many screens there are, the portal sees one sync's requests per publish; every screen shows what
// the publisher published and acknowledges its alert; over a broker, a screen killed is said offline by its Last Will.
const SCREENS = 20;
const SCHOOL = 'gangbord-college';
const tempDir = useTempDirs();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

const freePort = () => new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});

type Transport = 'folder' | 'mosquitto' | 'embedded';
const TRANSPORTS: { transport: Transport; title: string; skip: string | null }[] = [
  { transport: 'folder', title: 'over the folder', skip: null },
  {
    transport: 'mosquitto', title: "over Mosquitto with the publisher's password and ACL files",
    skip: MOSQUITTO ? null : 'mosquitto is not installed here (.ci/run installs Debian\'s mosquitto)',
  },
  { transport: 'embedded', title: "over the publisher's embedded broker", skip: null },
];
for (const t of TRANSPORTS) if (t.skip) console.warn(`Skipping the fleet test ${t.title}: ${t.skip}.`);

function ask<T>(child: ChildProcess, message: object, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== reply) return;
      child.off('message', onMessage);
      resolve(m as T);
    };
    child.on('message', onMessage);
    if (Object.keys(message).length) child.send(message);
  });
}

describe.each(TRANSPORTS)('a fleet of twenty screens $title', ({ transport, skip }) => {
  it.skipIf(skip !== null)('asks the upstream once per publish whatever the number of screens, every screen shows what the publisher has and acknowledges its alert', async () => {
    const portal = await startZermeloServer(zermeloSchool(), { token: TOKEN });
    let broker: PublisherBroker | null = null;
    let mosquitto: RunningMosquitto | null = null;
    const mine: ChildProcess[] = [];
    try {
      const folder = tempDir();
      const key = newKeyPair();
      const now = instantAt(DAY, '07:00', ZONE);
      const log = memoryLogger();
      const ctx: FleetContext = { dataDir: tempDir(), folder, school: SCHOOL, key, now: () => now };
      let url: string | null = null;
      if (transport !== 'folder') {
        const port = await freePort();
        url = `mqtt://127.0.0.1:${port}`;
        const secrets = memorySecretStore();
        // The publisher's own files go to a folder of its own: the share never has a bundle, a roster or an alert, so
        // what the screens show and answer came over the broker.
        broker = await startPublisherBroker({
          dataDir: ctx.dataDir, folder: tempDir(), school: SCHOOL, secrets, log, roster: () => loadRoster(ctx),
          mqtt: { url, prefix: 'gangbord', embedded: transport === 'embedded', keepaliveSeconds: 2 },
        });
        if (transport === 'mosquitto') {
          mosquitto = await runMosquitto({
            port, passwords: join(ctx.dataDir, 'mqtt', 'passwords'), acl: join(ctx.dataDir, 'mqtt', 'acl'),
            probe: { username: publisherUsername(SCHOOL), password: await brokerToken(secrets) },
          });
        }
        Object.assign(ctx, { store: broker.store, afterRoster: broker.afterRoster });
        expect(isMqttStore(broker.store) && (await broker.store.ready(10_000))).toBe(true);
      }
      const publisher = createPublisher({ folder, store: ctx.store, school: SCHOOL, key, now: () => now, log });
      const source = createZermeloSource({ type: 'zermelo', portal: 'testschool', baseUrl: portal.baseUrl, token: 'zermelo.token', weeks: 2 });
      const sync = async () => (await fetchPayload({
        source, scope: 'kiosk', now, zone: ZONE, cursor: null, signal: new AbortController().signal, progress: () => {}, secrets: { 'zermelo.token': TOKEN },
      })).payload as Snapshot;
      const requests = () => portal.requests.length;

      const picture = await sync();
      const perSync = requests();
      expect(perSync).toBeGreaterThan(0);
      await publisher.publish(picture);

      for (let i = 0; i < SCREENS; i++) {
        const child = fork(join(import.meta.dirname, 'testing', 'fleetKioskProcess.ts'), [], {
          execArgv: ['--import', 'tsx'],
          env: {
            ...process.env,
            FLEET_FOLDER: folder,
            FLEET_SCHOOL: SCHOOL,
            FLEET_KEY: publicKeyText(key.publicKey),
            FLEET_DATA: tempDir(),
            FLEET_NOW: String(now),
            ...(url ? { FLEET_MQTT_URL: url } : {}),
          },
          stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        });
        // What a screen says on stderr is passed on, but node-cron's note that a one-second sync was still running
        // when the next second came (twenty screens starting on two cores) is expected here and only noise.
        child.stderr!.on('data', (chunk: Buffer) => {
          for (const line of chunk.toString().split('\n')) if (line.trim() && !line.includes('overlap prevention')) process.stderr.write(`${line}\n`);
        });
        children.push(child);
        mine.push(child);
      }
      await Promise.all(mine.map((child) => ask(child, {}, 'ready')));

      // The administrator approves the twenty (each request in the share, with its broker password hash); the board's
      // Mosquitto reads the files the publisher wrote again, the embedded broker follows the roster itself.
      await expect.poll(async () => (await waitingScreens(ctx)).length, { timeout: 60_000, interval: 500 }).toBe(SCREENS);
      for (const [i, request] of (await waitingScreens(ctx)).entries()) await approve(ctx, request.id, `Scherm ${i + 1}`, null);
      mosquitto?.reload();
      if (transport !== 'folder') expect(loadRoster(ctx).screens.every((s) => s.broker)).toBe(true);

      // Every screen comes to show the publisher's rooms and lessons (each syncs from the folder every second).
      const lessonTime = instantAt(DAY, '09:00', ZONE);
      const expected = picture.rooms.map((r) => r.code).sort();
      const boards = async () => Promise.all(mine.map((child) => ask<{ board: NowNextBoard | null }>(child, { type: 'board', at: lessonTime }, 'board')));
      await expect
        .poll(async () => (await boards()).filter((b) => JSON.stringify(b.board?.rooms.map((r) => r.room.code).sort()) === JSON.stringify(expected)).length, {
          timeout: 60_000,
          interval: 1_000,
        })
        .toBe(SCREENS);
      const shown = (await boards()).map((b) => JSON.stringify(b.board!.rooms.map((r) => [r.room.code, r.now?.id ?? null, r.next?.id ?? null])));
      expect(new Set(shown).size).toBe(1);
      expect(shown[0]).toContain('zermelo:');
      if (transport !== 'folder') expect(existsSync(join(folder, 'pub', 'bundle.env')) || existsSync(join(folder, 'pub', 'roster.env'))).toBe(false);

      // A second publish with twenty screens watching: one sync's requests again, not twenty.
      const before = requests();
      await publisher.publish(await sync());
      expect(requests() - before).toBe(perSync);
      expect(portal.requests.every((r) => r.query.get('access_token') === null || r.query.get('access_token') === TOKEN)).toBe(true);

      // An alert from the publisher's desk: every screen shows it and says so, signed, to the sender's count.
      const alert = await sendFleetAlert(ctx, { template: 'evacuation', title: null, text: '', drill: true, groups: [], minutes: 30 });
      await expect.poll(async () => (await acknowledgements(ctx, alert.id)).shown.length, { timeout: 30_000, interval: 250 }).toBe(SCREENS);

      if (transport !== 'folder') {
        // A screen pulled from the wall (SIGKILL: no goodbye): the broker's Last Will says it is offline within 1.5
        // keepalives (2 s here); no other screen is.
        const gone = mine.pop()!;
        gone.kill('SIGKILL');
        await expect.poll(async () => (await screenStatuses(ctx)).filter((r) => r.offline).length, { timeout: 10_000, interval: 250 }).toBe(1);
        expect((await screenStatuses(ctx)).filter((r) => r.offline)[0]!.health).toBe('red');
      }

      // What each screen keeps, its decrypted cache and every file in its data folder: no upstream token, and none
      // of the school's pupils or teachers' names (the fake school's canaries), while its rooms are there.
      const canaries = [TOKEN, 'Sanne', 'van den Berg', 'Çelik', '246810', '135791', 'Bakker', 'Jansen', 'Visser'];
      const room = picture.rooms[0]!.code;
      const scans = await Promise.all(mine.map((child) => ask<{ found: string[] }>(child, { type: 'scan', words: [...canaries, room] }, 'scan')));
      expect(scans.map((s) => s.found)).toEqual(mine.map(() => [room]));
    } finally {
      await Promise.all(children.splice(0).map((child) => new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(null);
        child.once('exit', resolve);
        // A screen that answered the scan is already on its way out: its channel may be closed.
        if (child.connected) child.send({ type: 'stop' }, () => undefined);
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      })));
      await broker?.stop();
      await mosquitto?.stop();
      await portal.close();
    }
  }, 180_000);
});
