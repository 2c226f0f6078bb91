import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NowNextBoard } from '@shared/contract';
import { instantAt } from '@shared/timetable/zonedTime';
import { memoryLogger } from '../logger';
import { createZermeloSource } from '../sources/zermelo';
import type { Snapshot } from '../sync/snapshot';
import { fetchPayload } from '../sync/syncOnce';
import { DAY, TOKEN, ZONE, zermeloSchool } from '../sources/zermelo/testing/zermeloSchool';
import { startZermeloServer } from '../sources/zermelo/testing/zermeloServer';
import { useTempDirs } from '../testing/tempDir';
import { acknowledgements, approve, type FleetContext, loadRoster, screenStatuses, sendFleetAlert, waitingScreens } from './fleetAdmin';
import { newKeyPair, publicKeyText } from './keys';
import { MOSQUITTO } from './mqtt/testing/mosquittoProcess';
import { createPublisher } from './publisher';
import { ask, forkScreen, type PublisherOnBroker, publisherOnBroker, stopScreens } from './testing/fleetOnLoopback';

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

const TRANSPORTS = [
  { transport: 'folder', title: 'over the folder', skip: null },
  {
    transport: 'mosquitto', title: "over Mosquitto with the publisher's password and ACL files",
    skip: MOSQUITTO ? null : "mosquitto is not installed here (.ci/run installs Debian's mosquitto)",
  },
  { transport: 'embedded', title: "over the publisher's embedded broker", skip: null },
] as const;
for (const t of TRANSPORTS) if (t.skip) console.warn(`Skipping the fleet test ${t.title}: ${t.skip}.`);

describe.each(TRANSPORTS)('a fleet of twenty screens $title', ({ transport, skip }) => {
  it.skipIf(skip !== null)('asks the upstream once per publish whatever the number of screens, every screen shows what the publisher has and acknowledges its alert', async () => {
    const portal = await startZermeloServer(zermeloSchool(), { token: TOKEN });
    let onBroker: PublisherOnBroker | null = null;
    const mine: ChildProcess[] = [];
    try {
      const folder = tempDir();
      const key = newKeyPair();
      const now = instantAt(DAY, '07:00', ZONE);
      const log = memoryLogger();
      const ctx: FleetContext = { dataDir: tempDir(), folder, school: SCHOOL, key, now: () => now };
      // Over a broker, the publisher's own files go to a folder of its own: the share never has a bundle, a roster or
      // an alert, so what the screens show and answer came over the broker.
      if (transport !== 'folder') onBroker = await publisherOnBroker({ transport, ctx, ownFolder: tempDir(), log });
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

      const screen = () => forkScreen({ folder, school: SCHOOL, publisherKey: publicKeyText(key.publicKey), dataDir: tempDir(), now, mqttUrl: onBroker?.url });
      mine.push(...await Promise.all(Array.from({ length: SCREENS }, screen)));
      children.push(...mine);

      // The administrator approves the twenty (each request in the share, with its broker password hash); the board's
      // Mosquitto reads the files the publisher wrote again, the embedded broker follows the roster itself.
      await expect.poll(async () => (await waitingScreens(ctx)).length, { timeout: 60_000, interval: 500 }).toBe(SCREENS);
      for (const [i, request] of (await waitingScreens(ctx)).entries()) await approve(ctx, request.id, `Scherm ${i + 1}`, null);
      onBroker?.mosquitto?.reload();
      if (onBroker) expect(loadRoster(ctx).screens.every((s) => s.broker)).toBe(true);

      // Every screen comes to show the publisher's rooms and lessons (each syncs every second, and at once when pushed).
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
      if (onBroker) expect(existsSync(join(folder, 'pub', 'bundle.env')) || existsSync(join(folder, 'pub', 'roster.env'))).toBe(false);

      // A second publish with twenty screens watching: one sync's requests again, not twenty.
      const before = requests();
      await publisher.publish(await sync());
      expect(requests() - before).toBe(perSync);
      expect(portal.requests.every((r) => r.query.get('access_token') === null || r.query.get('access_token') === TOKEN)).toBe(true);

      // An alert from the publisher's desk: every screen shows it and says so, signed, to the sender's count.
      const alert = await sendFleetAlert(ctx, { template: 'evacuation', title: null, text: '', drill: true, groups: [], minutes: 30 });
      await expect.poll(async () => (await acknowledgements(ctx, alert.id)).shown.length, { timeout: 30_000, interval: 250 }).toBe(SCREENS);

      if (onBroker) {
        // A screen pulled from the wall (SIGKILL: no goodbye): the broker's Last Will says it is offline within 1.5
        // keepalives (2 s here); no other screen is.
        mine.pop()!.kill('SIGKILL');
        await expect.poll(async () => (await screenStatuses(ctx, loadRoster(ctx))).filter((r) => r.offline).length, { timeout: 10_000, interval: 250 }).toBe(1);
        expect((await screenStatuses(ctx, loadRoster(ctx))).filter((r) => r.offline)[0]!.health).toBe('red');
      }

      // What each screen keeps, its decrypted cache and every file in its data folder: no upstream token, and none
      // of the school's pupils or teachers' names (the fake school's canaries), while its rooms are there.
      const canaries = [TOKEN, 'Sanne', 'van den Berg', 'Çelik', '246810', '135791', 'Bakker', 'Jansen', 'Visser'];
      const room = picture.rooms[0]!.code;
      const scans = await Promise.all(mine.map((child) => ask<{ found: string[] }>(child, { type: 'scan', words: [...canaries, room] }, 'scan')));
      expect(scans.map((s) => s.found)).toEqual(mine.map(() => [room]));
    } finally {
      await stopScreens(children.splice(0));
      await onBroker?.stop();
      await portal.close();
    }
  }, 180_000);
});
