import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoPortraits, generateDemoSchool } from '../../demo';
import { fleetPaths } from '../../fleet/fleetFolder';
import { newKeyPair, publicKeyText } from '../../fleet/keys';
import { newStaffPcKeyPair } from '../../fleet/staffBundle/sealed';
import { createStaffPublisher } from '../../fleet/staffBundle/staffPublisher';
import { STAFF_PC_KEY_SECRET, staffPcIdOf } from '../../fleet/staffPc/staffPcKeys';
import { memoryLogger } from '../../logger';
import { syncOnce } from '../../sync/syncOnce';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import { createFleetSource } from './fleetSource';

const tempDir = useTempDirs();
const ZONE = 'Europe/Amsterdam';
const NOW = Date.parse('2026-11-24T07:00:00Z');
const SCHOOL = 'gangbord-college';

function staffPc() {
  const folder = tempDir();
  const publisher = newKeyPair();
  let now = NOW;
  const staff = createStaffPublisher({ folder, school: SCHOOL, key: publisher, now: () => now, log: memoryLogger() });
  const box = newStaffPcKeyPair();
  const me = { id: staffPcIdOf(box.publicKey), publicKey: box.publicKey };
  const db = openTestCache(tempDir());
  const config = { type: 'fleet' as const, folder, school: SCHOOL, publisherKey: publicKeyText(publisher.publicKey) };
  const secrets: Record<string, string> = { [STAFF_PC_KEY_SECRET]: box.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
  const sync = (own = secrets) => syncOnce({
    db, source: createFleetSource(config), scope: 'staff', now, zone: ZONE, signal: new AbortController().signal, progress: () => {}, secrets: own,
  });
  const school = generateDemoSchool({ size: 'small', now: NOW, zone: ZONE, scope: 'staff' });
  const photos = demoPortraits(school.pupils.filter((p) => p.photoConsent));
  return { staff, me, db, sync, school, photos, paths: fleetPaths(folder), later: () => void (now += 60_000) };
}

describe('a staff PC takes its pupils and photos from the staff bundles sealed for it', () => {
  it('the full bundle, a delta on top of it, "unchanged" when nothing is new, and a refusal for a changed byte', async () => {
    const pc = staffPc();
    await pc.staff.publish(pc.school, pc.photos, [pc.me]);
    expect((await pc.sync()).kind).toBe('snapshot');
    expect(pc.db.prepare('SELECT count(*) FROM pupils').pluck().get()).toBe(pc.school.pupils.length);
    expect(pc.db.prepare('SELECT count(*) FROM photos').pluck().get()).toBe(pc.photos.length);
    expect((await pc.sync()).kind).toBe('unchanged');

    pc.later();
    const renamed = { ...pc.school, pupils: pc.school.pupils.map((p, i) => (i === 0 ? { ...p, lastName: 'Hendriks-Ouali' } : p)) };
    await pc.staff.publish(renamed, pc.photos.slice(1), [pc.me]);
    expect((await pc.sync()).kind).toBe('delta');
    expect(pc.db.prepare('SELECT last_name FROM pupils WHERE number = ?').pluck().get(pc.school.pupils[0]!.number)).toBe('Hendriks-Ouali');
    expect(pc.db.prepare('SELECT count(*) FROM photos').pluck().get()).toBe(pc.photos.length - 1);
    expect((await pc.sync()).kind).toBe('unchanged');

    // One byte changed in the full bundle: refused with its reason, and what the PC shows stays.
    const bytes = readFileSync(pc.paths.staffBundle);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 1;
    writeFileSync(pc.paths.staffBundle, bytes);
    await expect(pc.sync()).rejects.toThrow(/Refused the publisher's staff bundle \(body-changed\)/);
    expect(pc.db.prepare('SELECT count(*) FROM pupils').pluck().get()).toBe(pc.school.pupils.length);
  });

  it('says what to do when it is not (yet) among the staff PCs sealed for, or has no key of its own', async () => {
    const pc = staffPc();
    const other = { id: 'pc-0123456789', publicKey: newStaffPcKeyPair().publicKey };
    await expect(pc.sync()).rejects.toThrow(/has no staff bundle yet/);
    await pc.staff.publish(pc.school, pc.photos, [other]);
    await expect(pc.sync()).rejects.toThrow(/not sealed for this staff PC: approve it as a staff PC on the Screens page/);
    await expect(pc.sync({})).rejects.toThrow(/has no key of its own/);
    expect(pc.db.prepare('SELECT count(*) FROM pupils').pluck().get()).toBe(0);
  });
});
