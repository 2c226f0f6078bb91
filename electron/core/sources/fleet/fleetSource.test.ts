import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deltaBetween, sealBundle } from '../../fleet/bundle';
import { fleetPaths, writeAtomically } from '../../fleet/fleetFolder';
import { newKeyPair, publicKeyText } from '../../fleet/keys';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import type { Snapshot } from '../source';
import { syncOnce } from '../../sync/syncOnce';
import { generateDemoSchool } from '../../demo/demoSchool';
import { createFleetSource } from './fleetSource';

const tempDir = useTempDirs();
const ZONE = 'Europe/Amsterdam';
const NOW = Date.parse('2026-11-24T07:00:00Z');
const SCHOOL = 'gangbord-college';
const publisher = newKeyPair();
const kioskPicture = (): Snapshot => generateDemoSchool({ size: 'standard', now: NOW, zone: ZONE, scope: 'kiosk' });

function fleet() {
  const folder = tempDir();
  const db = openTestCache(tempDir());
  const paths = fleetPaths(folder);
  const config = { type: 'fleet' as const, folder, school: SCHOOL, publisherKey: publicKeyText(publisher.publicKey) };
  const sync = () => syncOnce({ db, source: createFleetSource(config), scope: 'kiosk', now: NOW, zone: ZONE, signal: new AbortController().signal, progress: () => {} });
  const publish = (body: Parameters<typeof sealBundle>[0], seq: number, file = paths.bundle, over: { school?: string; signer?: typeof publisher } = {}) =>
    writeAtomically(file, sealBundle(body, { school: over.school ?? SCHOOL, seq, now: NOW }, over.signer ?? publisher));
  const shown = () => JSON.stringify(db.prepare('SELECT id, cancelled, rooms FROM lessons ORDER BY id').all());
  return { folder, db, paths, sync, publish, shown };
}

describe('a fleet screen takes what it shows from the publisher\'s signed bundles', () => {
  it('applies the full bundle, then a delta on top of it, then the next full one; nothing new is "unchanged"', async () => {
    const f = fleet();
    const first = kioskPicture();
    await f.publish(first, 1);
    expect((await f.sync()).kind).toBe('snapshot');
    expect(f.db.prepare('SELECT count(*) AS n FROM rooms').get()).toEqual({ n: first.rooms.length });
    expect((await f.sync()).kind).toBe('unchanged');

    const target = first.lessons.find((l) => !l.change.cancelled)!;
    const next = { ...first, lessons: first.lessons.map((l) => (l.id === target.id ? { ...l, change: { ...l.change, cancelled: true } } : l)) };
    await f.publish(deltaBetween(first, next, 1)!, 2, f.paths.delta);
    expect((await f.sync()).kind).toBe('delta');
    expect(f.db.prepare('SELECT cancelled FROM lessons WHERE id = ?').get(target.id)).toEqual({ cancelled: 1 });
    expect((await f.sync()).kind).toBe('unchanged');

    await f.publish(first, 3);
    expect((await f.sync()).kind).toBe('snapshot');
    expect(f.db.prepare('SELECT cancelled FROM lessons WHERE id = ?').get(target.id)).toEqual({ cancelled: 0 });
    // The old delta (made from bundle 1) is not applied on top of bundle 3.
    expect((await f.sync()).kind).toBe('unchanged');
  });

  it('refuses a changed byte, an older bundle copied back, another school\'s and an unknown key\'s, and keeps its data', async () => {
    const f = fleet();
    const first = kioskPicture();
    await f.publish(first, 5);
    await f.sync();
    const before = f.shown();
    const good = readFileSync(f.paths.bundle);

    const changed = Buffer.from(good);
    changed[changed.length - 100] = changed[changed.length - 100]! ^ 0x01;
    writeFileSync(f.paths.bundle, changed);
    await expect(f.sync()).rejects.toThrow(/Refused the publisher's bundle \(body-changed\)/);

    await f.publish(first, 4);
    await expect(f.sync()).rejects.toThrow(/\(replayed\)/);
    await f.publish(first, 6, f.paths.bundle, { school: 'een-andere-school' });
    await expect(f.sync()).rejects.toThrow(/\(other-school\)/);
    await f.publish(first, 7, f.paths.bundle, { signer: newKeyPair() });
    await expect(f.sync()).rejects.toThrow(/\(unknown-key\)/);

    expect(f.shown()).toBe(before);
    writeFileSync(f.paths.bundle, good);
    expect((await f.sync()).kind).toBe('unchanged');
  });

  it('says so when there is no bundle yet, and holds no pupil: not in the folder, not in its cache', async () => {
    const f = fleet();
    await expect(f.sync()).rejects.toThrow(/has no bundle yet/);
    await f.publish(kioskPicture(), 1);
    await f.sync();
    const staffPicture = generateDemoSchool({ size: 'standard', now: NOW, zone: ZONE, scope: 'staff' });
    // The envelope's body follows its two header lines.
    const file = readFileSync(f.paths.bundle);
    const bundleText = gunzipSync(file.subarray(file.indexOf('\n', file.indexOf('\n') + 1) + 1)).toString('utf8');
    const canaries = staffPicture.pupils.slice(0, 50).map((p) => `${p.firstName} ${p.lastName}`);
    expect(canaries.length).toBe(50);
    expect(canaries.filter((name) => bundleText.includes(name))).toEqual([]);
    expect(f.db.prepare('SELECT count(*) AS n FROM pupils').get()).toEqual({ n: 0 });
    expect(f.db.prepare('SELECT count(*) AS n FROM teachers WHERE last_name IS NOT NULL').get()).toEqual({ n: 0 });
  });
});
