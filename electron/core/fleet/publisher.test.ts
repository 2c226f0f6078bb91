import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../logger';
import { generateDemoSchool } from '../demo/demoSchool';
import type { Snapshot } from '../sync/snapshot';
import { useTempDirs } from '../testing/tempDir';
import { openBundle } from './bundle';
import { fleetPaths, readIfThere } from './fleetFolder';
import { newKeyPair } from './keys';
import { createPublisher } from './publisher';

const tempDir = useTempDirs();
const NOW = Date.parse('2026-11-24T06:00:00Z');
const key = newKeyPair();
const trust = { school: 'gangbord-college', keys: new Map([[key.keyId, { publicKey: key.publicKey, kinds: ['bundle'] as const }]]), revoked: new Set<string>() };
const picture = (): Snapshot => generateDemoSchool({ size: 'standard', now: NOW, zone: 'Europe/Amsterdam', scope: 'kiosk' });
const cancelOne = (s: Snapshot, index: number): Snapshot => ({
  ...s,
  lessons: s.lessons.map((l, i) => (i === index ? { ...l, change: { ...l.change, cancelled: true } } : l)),
});

describe('the publisher', () => {
  it('writes a full bundle, then deltas holding every change since it, and nothing when nothing changed', async () => {
    const folder = tempDir();
    let now = NOW;
    const publisher = createPublisher({ folder, school: 'gangbord-college', key, now: () => now, log: memoryLogger() });
    const first = picture();
    expect(await publisher.publish(first)).toMatchObject({ kind: 'full' });
    now += 60_000;
    expect(await publisher.publish(first)).toEqual({ kind: 'unchanged' });
    const one = cancelOne(first, 10);
    expect(await publisher.publish(one)).toMatchObject({ kind: 'delta' });
    const two = cancelOne(one, 20);
    now += 60_000;
    expect(await publisher.publish(two)).toMatchObject({ kind: 'delta' });
    const delta = openBundle((await readIfThere(fleetPaths(folder).delta))!, { trust, now });
    // Both changes since the full bundle: a screen that missed the first delta loses nothing.
    expect(delta.ok && delta.payload.kind === 'delta' && delta.payload.upsertLessons.map((l) => l.id).sort()).toEqual([first.lessons[10]!.id, first.lessons[20]!.id].sort());
  });

  it('writes a full bundle when more than lessons changed, and numbers on above its last bundle after a restart', async () => {
    const folder = tempDir();
    const first = createPublisher({ folder, school: 'gangbord-college', key, now: () => NOW, log: memoryLogger() });
    const a = await first.publish(picture());
    const renamed = { ...picture(), rooms: picture().rooms.map((r, i) => (i === 0 ? { ...r, name: 'Nieuwe naam' } : r)) };
    const b = await first.publish(renamed);
    expect(b.kind).toBe('full');
    // A restarted publisher whose clock went back still numbers above what the folder holds.
    const again = createPublisher({ folder, school: 'gangbord-college', key, now: () => NOW - 3_600_000, log: memoryLogger() });
    const c = await again.publish(picture());
    expect([a, b, c].map((p) => p.kind)).toEqual(['full', 'full', 'full']);
    expect(a.kind === 'full' && b.kind === 'full' && c.kind === 'full' && c.seq > b.seq && b.seq > a.seq).toBe(true);
  });
});
