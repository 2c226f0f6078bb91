import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instantAt } from '@shared/timetable/zonedTime';
import { openCache } from '../../db/open';
import { demoPortraits, generateDemoSchool } from '../../demo';
import { memoryLogger } from '../../logger';
import type { PhotoRecord, Snapshot } from '../../sync/snapshot';
import { writeDelta, writeSnapshot } from '../../sync/writer';
import { useTempDirs } from '../../testing/tempDir';
import { fleetPaths } from '../fleetFolder';
import { newKeyPair } from '../keys';
import { newStaffPcKeyPair } from './sealed';
import { openStaffBundle, type StaffPayload, staffTrust } from './staffBundle';
import { createStaffPublisher } from './staffPublisher';

const SCHOOL = 'gangbord-college';
const ZONE = 'Europe/Amsterdam';
const NOW = instantAt('2026-11-24', '07:00', ZONE);
const tempDir = useTempDirs();

function setUp() {
  const folder = tempDir();
  const key = newKeyPair();
  let now = NOW;
  const publisher = createStaffPublisher({ folder, school: SCHOOL, key, now: () => now, log: memoryLogger() });
  const school = generateDemoSchool({ size: 'small', scope: 'staff', now: NOW, zone: ZONE });
  const photos = demoPortraits(school.pupils.filter((p) => p.photoConsent));
  const pc = { id: 'pc-0123456789', ...newStaffPcKeyPair() };
  const read = (file: string, lastSeq?: number) => {
    const opened = openStaffBundle(readFileSync(file), { trust: staffTrust(SCHOOL, key.publicKey), now, lastSeq, id: pc.id, privateKey: pc.privateKey });
    if (!opened.ok) throw new Error(`${opened.refusal}: ${opened.detail}`);
    return opened;
  };
  return { folder, publisher, school, photos, pc, read, paths: fleetPaths(folder), later: (ms: number) => void (now += ms) };
}

/** One lesson cancelled, one pupil renamed, one photo replaced: what a day's change at a school looks like, small. */
function changed(school: Snapshot, photos: PhotoRecord[]) {
  const [first, ...rest] = school.lessons;
  const lessons = [{ ...first!, change: { ...first!.change, cancelled: true } }, ...rest];
  const pupils = school.pupils.map((p, i) => (i === 0 ? { ...p, lastName: 'Hendriks-Ouali' } : p));
  const newPhoto = { ...photos[1]!, bytes: Buffer.concat([Buffer.from(photos[1]!.bytes), Buffer.from([0])]) };
  return { school: { ...school, lessons, pupils }, photos: photos.map((p, i) => (i === 1 ? newPhoto : p)), newPhoto };
}

describe('the staff stream', () => {
  it('publishes a full bundle, nothing when nothing changed, then a delta with exactly what changed', async () => {
    const { publisher, school, photos, pc, read, paths, later } = setUp();
    expect(await publisher.publish(school, photos, [pc])).toMatchObject({ kind: 'full', recipients: 1 });
    const full = read(paths.staffBundle);
    expect(full.payload.kind).toBe('snapshot');
    expect((full.payload as Snapshot).pupils).toHaveLength(school.pupils.length);
    expect((full.payload as Snapshot & { photos: PhotoRecord[] }).photos).toHaveLength(photos.length);

    later(60_000);
    expect(await publisher.publish(school, photos, [pc])).toEqual({ kind: 'unchanged' });

    later(60_000);
    const next = changed(school, photos);
    const published = await publisher.publish(next.school, next.photos, [pc]);
    expect(published.kind).toBe('delta');
    const delta = read(paths.staffDelta).payload as Extract<StaffPayload, { kind: 'delta' }>;
    expect(delta.base).toBe(full.seq);
    expect(delta.upsertLessons.map((l) => [l.id, l.change.cancelled])).toEqual([[school.lessons[0]!.id, true]]);
    expect(delta.pupils.upsert.map((p) => p.lastName)).toEqual(['Hendriks-Ouali']);
    expect(delta.pupils.remove).toEqual([]);
    expect(delta.photos.upsert.map((p) => p.pupilNumber)).toEqual([next.newPhoto.pupilNumber]);
    expect(delta.photos.remove).toEqual([]);
    // Small beside the full one: the photos that did not change are not in it.
    expect(readFileSync(paths.staffDelta).length).toBeLessThan(readFileSync(paths.staffBundle).length / 10);
  });

  it('applies on a staff PC: the full bundle, then the delta, through the same writer as a sync', async () => {
    const { publisher, school, photos, pc, read, paths, later } = setUp();
    await publisher.publish(school, photos, [pc]);
    const full = read(paths.staffBundle).payload as Snapshot;
    later(60_000);
    const next = changed(school, photos);
    await publisher.publish(next.school, next.photos, [pc]);
    const delta = read(paths.staffDelta).payload as Extract<StaffPayload, { kind: 'delta' }>;

    const { db } = openCache({ file: join(tempDir(), 'cache.db'), key: Buffer.alloc(32, 3), log: memoryLogger() });
    const ctx = { scope: 'staff' as const, source: 'fleet', now: NOW };
    writeSnapshot(db, full, ctx);
    const photoOf = (n: string) => (db.prepare('SELECT bytes FROM photos WHERE pupil_number = ?').pluck().get(n) as Buffer | undefined)?.length;
    expect(db.prepare('SELECT count(*) FROM photos').pluck().get()).toBe(photos.length);
    expect(photoOf(next.newPhoto.pupilNumber)).toBe(photos[1]!.bytes.length);
    writeDelta(db, delta, ctx);
    expect(db.prepare('SELECT last_name FROM pupils WHERE number = ?').pluck().get(school.pupils[0]!.number)).toBe('Hendriks-Ouali');
    expect(photoOf(next.newPhoto.pupilNumber)).toBe(photos[1]!.bytes.length + 1);
    expect(db.prepare('SELECT cancelled FROM lessons WHERE id = ?').pluck().get(school.lessons[0]!.id)).toBe(1);
    // A kiosk-scope write of the same delta keeps no pupil and no photo.
    const kiosk = openCache({ file: join(tempDir(), 'cache.db'), key: Buffer.alloc(32, 4), log: memoryLogger() }).db;
    writeDelta(kiosk, delta, { ...ctx, scope: 'kiosk' });
    expect(kiosk.prepare('SELECT (SELECT count(*) FROM pupils) + (SELECT count(*) FROM photos)').pluck().get()).toBe(0);
    db.close();
    kiosk.close();
  });

  it('makes a full bundle for a newly approved PC, seals it for the listed PCs only, and withdraws it when none is left', async () => {
    const { publisher, school, photos, pc, read, paths, later } = setUp();
    await publisher.publish(school, photos, [pc]);
    const other = { id: 'pc-abcdefabcd', ...newStaffPcKeyPair() };
    later(60_000);
    // Nothing changed in the school, but a PC joined: it needs a bundle it can open, so a full one.
    expect(await publisher.publish(school, photos, [pc, other])).toMatchObject({ kind: 'full', recipients: 2 });
    expect(existsSync(paths.staffDelta)).toBe(false);
    later(60_000);
    // The first PC revoked: a full one again, which it cannot open.
    expect(await publisher.publish(school, photos, [other])).toMatchObject({ kind: 'full', recipients: 1 });
    expect(() => read(paths.staffBundle)).toThrow(/not-a-recipient/);
    expect(await publisher.withdraw()).toEqual({ kind: 'no-staff-pcs' });
    expect(existsSync(paths.staffBundle)).toBe(false);
  });
});
