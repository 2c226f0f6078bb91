import { type ChildProcess, fork } from 'node:child_process';
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
import { newKeyPair, publicKeyText } from './keys';
import { createPublisher } from './publisher';

// The fleet on loopback (docs/fleet.md): one publisher syncing a Zermelo-protocol portal, twenty kiosk cores in
// processes of their own that share nothing but the fleet folder. However many screens there are, the portal sees
// one sync's requests per publish; every screen shows what the publisher published.
const SCREENS = 20;
const SCHOOL = 'gangbord-college';
const tempDir = useTempDirs();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

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

describe('a fleet of twenty screens', () => {
  it('asks the upstream once per publish whatever the number of screens, and every screen shows what the publisher has', async () => {
    const portal = await startZermeloServer(zermeloSchool(), { token: TOKEN });
    try {
      const folder = tempDir();
      const key = newKeyPair();
      const now = instantAt(DAY, '07:00', ZONE);
      const publisher = createPublisher({ folder, school: SCHOOL, key, now: () => now, log: memoryLogger() });
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
          },
          stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        });
        // What a screen says on stderr is passed on, but node-cron's note that a one-second sync was still running
        // when the next second came (twenty screens starting on two cores) is expected here and only noise.
        child.stderr!.on('data', (chunk: Buffer) => {
          for (const line of chunk.toString().split('\n')) if (line.trim() && !line.includes('overlap prevention')) process.stderr.write(`${line}\n`);
        });
        children.push(child);
      }
      await Promise.all(children.map((child) => ask(child, {}, 'ready')));

      // Every screen comes to show the publisher's rooms and lessons (each syncs from the folder every second).
      const lessonTime = instantAt(DAY, '09:00', ZONE);
      const expected = picture.rooms.map((r) => r.code).sort();
      const boards = async () => Promise.all(children.map((child) => ask<{ board: NowNextBoard | null }>(child, { type: 'board', at: lessonTime }, 'board')));
      await expect
        .poll(async () => (await boards()).filter((b) => JSON.stringify(b.board?.rooms.map((r) => r.room.code).sort()) === JSON.stringify(expected)).length, {
          timeout: 60_000,
          interval: 1_000,
        })
        .toBe(SCREENS);
      const shown = (await boards()).map((b) => JSON.stringify(b.board!.rooms.map((r) => [r.room.code, r.now?.id ?? null, r.next?.id ?? null])));
      expect(new Set(shown).size).toBe(1);
      expect(shown[0]).toContain('zermelo:');

      // A second publish with twenty screens watching: one sync's requests again, not twenty.
      const before = requests();
      await publisher.publish(await sync());
      expect(requests() - before).toBe(perSync);
      expect(portal.requests.every((r) => r.query.get('access_token') === null || r.query.get('access_token') === TOKEN)).toBe(true);

      // What each screen keeps, its decrypted cache and every file in its data folder: no upstream token, and none
      // of the school's pupils or teachers' names (the fake school's canaries), while its rooms are there.
      const canaries = [TOKEN, 'Sanne', 'van den Berg', 'Çelik', '246810', '135791', 'Bakker', 'Jansen', 'Visser'];
      const room = picture.rooms[0]!.code;
      const scans = await Promise.all(children.map((child) => ask<{ found: string[] }>(child, { type: 'scan', words: [...canaries, room] }, 'scan')));
      expect(scans.map((s) => s.found)).toEqual(children.map(() => [room]));
    } finally {
      await Promise.all(children.map((child) => new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(null);
        child.once('exit', resolve);
        // A screen that answered the scan is already on its way out: its channel may be closed.
        if (child.connected) child.send({ type: 'stop' }, () => undefined);
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      })));
      await portal.close();
    }
  }, 180_000);
});
