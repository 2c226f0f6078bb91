import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdir, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '@shared/domain';
import { instantAt } from '@shared/timetable/zonedTime';
import { manualClock } from '../clock';
import { memoryLogger } from '../logger';
import { openRecords } from '../records/openRecords';
import { memorySecretStore, type SecretStore } from '../secrets/secretStore';
import { memorySettingsStore } from '../settings/store';
import { expectOk, setUpAdmin, staffWindow } from '../testing/staffSession';
import { hashSecret } from '../crypto/scryptHash';
import { erasureHash } from '../db/erasureHash';
import { generateDemoSchool } from '../demo';
import { SchoolSignIn } from '@shared/settings';
import { type StartedCore, startCore } from '../testing/startedCore';
import { useTempDirs } from '../testing/tempDir';
import { openCache } from '../db/open';
import { fleetPaths } from './fleetFolder';
import { newKeyPair, publicKeyText } from './keys';
import { createPublishLoop } from './publishLoop';
import { createSchoolAuditLog } from './schoolAudit/schoolAuditLog';
import { open, x25519Text } from './staffBundle/sealed';
import { openStaffBundle, staffTrust } from './staffBundle/staffBundle';
import { approveStaffPc, revokeStaffPc, waitingStaffPcs } from './staffPc/staffPcAdmin';
import { boxKeyFromPem, publisherAuditKey, STAFF_PC_KEY_SECRET, staffPcIdOf } from './staffPc/staffPcKeys';
import { deviceKey } from './storedKeys';
import { loadRoster } from './fleetAdmin';

// One school, three staff PCs' worth of fleet on loopback folders (docs/fleet.md, "Staff PCs in the fleet"): a
// publisher syncing the demo school, two staff PCs with no upstream credential of their own, and a kiosk. Real cores
// with their real sync workers, encrypted caches and records; the only thing shared is the fleet folder.
const SCHOOL = 'gangbord-college';
const ZONE = 'Europe/Amsterdam';
const tempDir = useTempDirs();
const started: StartedCore[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) await s.core.stop();
});

/** A publisher on the demo school and its fleet folder, on a clock the test moves. */
function publisherDesk() {
  const clock = manualClock(instantAt('2026-11-24', '09:00', ZONE));
  const folder = tempDir();
  const publisherDir = tempDir();
  const publisher = newKeyPair();
  const publisherSecrets = memorySecretStore();
  const ctx = { dataDir: publisherDir, folder, school: SCHOOL, key: publisher, now: () => clock.now() };
  const publisherSettings = memorySettingsStore({ mode: 'staff', source: { type: 'demo', size: 'small' } });
  return { clock, folder, publisherDir, publisher, publisherSecrets, ctx, publisherSettings };
}

describe('staff PCs in the fleet', () => {
  it('find pupils and open photos from the publisher alone, lose them on revocation, and a kiosk never reads them', async () => {
    const { clock, folder, publisher, publisherSecrets, ctx, publisherSettings } = publisherDesk();
    // The school's accounts and sign-in, set once on the publisher desk.
    const signIn = SchoolSignIn.parse({ preset: 'entra', issuer: 'https://login.microsoftonline.com/gangbord/v2.0', clientId: 'gangbord', clientSecret: 'oidc.client-secret' });
    const jansen = {
      username: 'jansen', displayName: 'M. Jansen', role: 'teacher' as const, disabled: false, email: null, teacherCode: 'JAN', schoolSubject: null,
      passwordHash: hashSecret('eerste wachtwoord'), mustChangePassword: true,
    };
    let schoolAccounts = [jansen];
    // A pupil erased on the publisher desk at a privacy request is never sent to a staff PC.
    const erased = generateDemoSchool({ size: 'small', scope: 'staff', now: clock.now(), zone: ZONE }).pupils.find((p) => p.photoConsent)!.number;
    const loop = createPublishLoop({
      fleet: ctx, settings: () => publisherSettings.get(), secrets: publisherSecrets, log: memoryLogger(), intervalMs: 60_000,
      schoolSettings: async () => ({ accounts: schoolAccounts, schoolSignIn: signIn, clientSecret: 'client-geheim' }),
      erasedPupils: () => [erasureHash(erased)],
    });
    const source = { type: 'fleet' as const, folder, school: SCHOOL, publisherKey: publicKeyText(publisher.publicKey) };
    const staffPc = async () => {
      const s = await startCore(tempDir(), { mode: 'staff', snapshot: null, clock, settings: { source } });
      started.push(s);
      return s;
    };

    // A staff PC set up with the fleet folder asks to join; nothing is sealed for it before it is approved.
    const pcA = await staffPc();
    const infoA = await expectOk<{ screenId: string; fingerprint: string; enrolled: boolean }>(pcA.core.dispatch({ role: 'kiosk' }, 'fleet.screen', {}));
    expect(infoA.enrolled).toBe(false);
    expect((await loop.round())).toBe(true);
    expect((await pcA.core.syncNow()).lastError?.message).toMatch(/no staff bundle yet/);

    // The administrator compares the code the PC shows with the one waiting, and approves it as a staff PC.
    const waiting = await waitingStaffPcs(ctx);
    expect(waiting.map((w) => [w.id, w.fingerprint])).toEqual([[infoA.screenId, infoA.fingerprint]]);
    await approveStaffPc(ctx, infoA.screenId, 'Personeelskamer 1', await auditKeyOf(publisherSecrets));
    expect(await loop.round()).toBe(true);
    const synced = await pcA.core.syncNow();
    expect(synced.lastError).toBeNull();

    // It finds a pupil by name and opens the photo, as any staff PC does; an administrator with a second factor.
    const admin = await setUpAdmin(pcA.core, clock.now);
    const sought = await consentingPupil(pcA);
    expect(sought.number).not.toBe(erased);
    expect(await pcA.core.dispatch(admin.caller, 'pupils.card', { number: erased })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const { hits } = await expectOk<{ hits: { kind: string; code: string; label: string }[] }>(pcA.core.dispatch(admin.caller, 'search.query', { text: sought.lastName, limit: 50 }));
    const pupil = hits.find((h) => h.kind === 'pupil' && h.code === sought.number);
    expect(pupil).toBeDefined();
    const photo = await expectOk<{ mime: string; base64: string }>(pcA.core.dispatch(admin.caller, 'pupils.photo', { number: pupil!.code }));
    expect(photo.mime).toBe('image/png');
    expect(Buffer.from(photo.base64, 'base64').subarray(1, 4).toString()).toBe('PNG');

    // The school's accounts and sign-in came too (within the five seconds it takes to look): Jansen signs in with the
    // first password the publisher's administrator gave, and must choose an own one.
    const accountsOnA = async () => (await expectOk<{ username: string; disabled: boolean }[]>(pcA.core.dispatch(admin.caller, 'accounts.list', {})));
    await expect.poll(async () => (await accountsOnA()).find((a) => a.username === 'jansen')?.disabled, { timeout: 15_000 }).toBe(false);
    expect(await pcA.core.dispatch(staffWindow(), 'auth.signIn', { username: 'jansen', password: 'eerste wachtwoord' }))
      .toMatchObject({ ok: true, value: { status: 'password-change-required' } });
    expect(pcA.settings.get().staff.schoolSignIn).toEqual(signIn);
    expect(await pcA.secrets.get('oidc.client-secret')).toBe('client-geheim');
    // Taken out of the school's list on the publisher: disabled here at the next round.
    schoolAccounts = [];
    clock.advance(60_000);
    await loop.round();
    await expect.poll(async () => (await accountsOnA()).find((a) => a.username === 'jansen')?.disabled, { timeout: 15_000 }).toBe(true);
    clock.advance(10_000);
    expect(await pcA.core.dispatch(staffWindow(), 'auth.signIn', { username: 'jansen', password: 'eerste wachtwoord' })).toMatchObject({ ok: false });

    // ... with no upstream credential of its own: its secrets are its own keys, its audit keyring and the sign-in's
    // client secret the publisher sent, nothing else.
    const names = await pcA.secrets.names();
    expect(names.filter((n) => !n.startsWith('fleet.') && !n.startsWith('audit'))).toEqual(['oidc.client-secret']);
    expect(pcA.settings.get().source?.type).toBe('fleet');

    // A kiosk given the staff bundle (copied over its own bundle) cannot open it.
    const kioskFolder = tempDir();
    await mkdir(join(kioskFolder, 'pub'), { recursive: true });
    await copyFile(fleetPaths(folder).staffBundle, fleetPaths(kioskFolder).bundle);
    const kiosk = await startCore(tempDir(), { mode: 'kiosk', snapshot: null, clock, settings: { source: { ...source, folder: kioskFolder } } });
    started.push(kiosk);
    // A kiosk does not believe even its own publisher for a staff bundle; and its key is not among those it is sealed for.
    expect((await kiosk.core.syncNow()).lastError?.message).toMatch(/Refused the publisher's bundle \(key-not-allowed\): .* may not sign staff/);
    const kioskKey = await deviceKey(kiosk.secrets);
    const staffBytes = readFileSync(fleetPaths(folder).staffBundle);
    const sealedBody = staffBytes.subarray(staffBytes.indexOf(0x0a, staffBytes.indexOf(0x0a) + 1) + 1);
    expect(open(sealedBody, infoA.screenId, kioskKey.privateKey)).toEqual({ ok: false, reason: 'not-a-recipient' });
    expect(staffBytes.includes(Buffer.from(sought.lastName))).toBe(false);
    const kioskCache = openCache({ file: join(kiosk.dataDir, 'cache.db'), key: kiosk.key, log: memoryLogger() }).db;
    expect(kioskCache.prepare('SELECT count(*) AS n FROM pupils').get()).toEqual({ n: 0 });
    kioskCache.close();

    // Revoked while a second staff PC joins: the next bundle is sealed for that one and not for A. A keeps what it had
    // (last good data), and reads nothing made after.
    const before = readFileSync(fleetPaths(folder).staffBundle);
    const pcB = await staffPc();
    const infoB = await expectOk<{ screenId: string }>(pcB.core.dispatch({ role: 'kiosk' }, 'fleet.screen', {}));
    await approveStaffPc(ctx, infoB.screenId, 'Mediatheek', await auditKeyOf(publisherSecrets));
    await revokeStaffPc(ctx, infoA.screenId);
    clock.advance(60_000);
    expect(await loop.round()).toBe(true);
    const after = readFileSync(fleetPaths(folder).staffBundle);
    expect(after.equals(before)).toBe(false);
    const keyA = boxKeyFromPem((await pcA.secrets.get(STAFF_PC_KEY_SECRET))!);
    expect(staffPcIdOf(keyA.publicKey)).toBe(infoA.screenId);
    const trust = staffTrust(SCHOOL, publisher.publicKey);
    expect(openStaffBundle(after, { trust, now: clock.now(), id: infoA.screenId, privateKey: keyA.privateKey })).toMatchObject({ ok: false, refusal: 'not-a-recipient' });
    expect(openStaffBundle(before, { trust, now: clock.now(), id: infoA.screenId, privateKey: keyA.privateKey }).ok).toBe(true);
    const refused = await pcA.core.syncNow();
    expect(refused.lastError?.message).toMatch(/not sealed for this staff PC/);
    // And the roster the publisher signed tells it it was revoked: the pupils and photos it had go too.
    const heldByA = () => {
      const db = openCache({ file: join(pcA.dataDir, 'cache.db'), key: pcA.key, log: memoryLogger() }).db;
      try {
        return db.prepare('SELECT (SELECT count(*) FROM pupils) + (SELECT count(*) FROM photos)').pluck().get();
      } finally {
        db.close();
      }
    };
    await expect.poll(heldByA, { timeout: 15_000 }).toBe(0);
    expect(await info(pcA)).toMatchObject({ enrolled: false, revoked: true, name: null });
    expect((await pcB.core.syncNow()).lastError).toBeNull();
    // The last one revoked: no staff bundle is left in the share at all.
    await revokeStaffPc(ctx, infoB.screenId);
    expect(await loop.round()).toBe(true);
    expect(existsSync(fleetPaths(folder).staffBundle)).toBe(false);
  }, 120_000);

  it('brings every staff PC\'s audit entries to the school log, in order and verified, one PC offline for a while', async () => {
    const { clock, folder, publisherDir, publisher, publisherSecrets, ctx, publisherSettings } = publisherDesk();
    const loop = createPublishLoop({ fleet: ctx, settings: () => publisherSettings.get(), secrets: publisherSecrets, log: memoryLogger(), intervalMs: 60_000 });
    const records = openRecords(publisherDir, Buffer.alloc(32, 7), memoryLogger());
    const schoolLog = createSchoolAuditLog(records);
    const auditKey = (await publisherAuditKey(publisherSecrets)).privateKey;
    // PC B reaches the share through a link, which is a plain file while B is "offline": every write to it fails.
    const link = join(tempDir(), 'share');
    symlinkSync(folder, link);
    const offline = (yes: boolean) => {
      rmSync(link, { force: true });
      if (yes) writeFileSync(link, 'not a folder');
      else symlinkSync(folder, link);
    };
    const staffPc = async (share: string) => {
      const s = await startCore(tempDir(), {
        mode: 'staff', snapshot: null, clock, fleetAuditEveryMs: 100,
        settings: { source: { type: 'fleet', folder: share, school: SCHOOL, publisherKey: publicKeyText(publisher.publicKey) } },
      });
      started.push(s);
      return s;
    };
    const pcA = await staffPc(folder);
    const pcB = await staffPc(link);
    for (const w of await waitingStaffPcs(ctx)) await approveStaffPc(ctx, w.id, w.id === (await info(pcA)).screenId ? 'Personeelskamer' : 'Mediatheek', await auditKeyOf(publisherSecrets));
    expect(loadRoster(ctx).staffPcs).toHaveLength(2);
    expect(await loop.round()).toBe(true);
    expect((await pcA.core.syncNow()).lastError).toBeNull();
    expect((await pcB.core.syncNow()).lastError).toBeNull();

    const adminA = await setUpAdmin(pcA.core, clock.now);
    const adminB = await setUpAdmin(pcB.core, clock.now);
    const pupils = await pupilNumbers(pcA);
    offline(true);
    // Looks on both PCs; B's cannot leave it.
    for (const number of pupils.slice(0, 5)) {
      await expectOk(pcA.core.dispatch(adminA.caller, 'pupils.card', { number }));
      await expectOk(pcB.core.dispatch(adminB.caller, 'pupils.card', { number }));
      clock.advance(1_000);
    }
    const collectAll = async () => schoolLog.collect(ctx, loadRoster(ctx), auditKey);
    const idA = (await info(pcA)).screenId;
    const idB = (await info(pcB)).screenId;
    const localA = await localLog(pcA, adminA.caller);
    await expect.poll(async () => (await collectAll(), schoolLog.head(idA).id), { timeout: 20_000 }).toBe(localA.at(-1)!.id);
    expect(schoolLog.head(idB).id).toBeLessThan(5);

    // Back online: what B logged meanwhile follows, in order, and then more.
    offline(false);
    await expectOk(pcB.core.dispatch(adminB.caller, 'pupils.card', { number: pupils[6]! }));
    const localB = await localLog(pcB, adminB.caller);
    await expect.poll(async () => (await collectAll(), schoolLog.head(idB).id), { timeout: 20_000 }).toBe(localB.at(-1)!.id);

    for (const [pc, local] of [[idA, localA], [idB, localB]] as const) {
      const school = schoolLog.query({ pc }, 1000).reverse();
      expect(school.map((e) => [e.id, e.actor, e.action, e.subject])).toEqual(local.map((e) => [e.id, e.actor, e.action, e.subject]));
    }
    expect(schoolLog.verify()).toEqual({ ok: true, checked: localA.length + localB.length, broken: [] });
    // Batches taken are cleared from the share, but each PC's newest, which it goes on from after a restart.
    await collectAll();
    expect(readdirSync(fleetPaths(folder).auditOf(idA))).toHaveLength(1);
    // The share never shows who looked at whom: the batches are sealed for the publisher.
    const batches = readFileSync(join(fleetPaths(folder).auditOf(idB), readdirSync(fleetPaths(folder).auditOf(idB)).at(-1)!));
    expect(batches.includes(Buffer.from(pupils[6]!))).toBe(false);
    // A row changed behind the triggers' back (someone with the database key) breaks that PC's chain there.
    records.exec('DROP TRIGGER school_audit_no_update');
    records.prepare("UPDATE school_audit SET subject = '000000' WHERE pc = ? AND id = 2").run(idA);
    expect(schoolLog.verify()).toMatchObject({ ok: false, broken: [{ pc: idA, at: 2 }] });
    records.close();
  }, 120_000);
});

const auditKeyOf = async (secrets: SecretStore) => x25519Text((await publisherAuditKey(secrets)).publicKey);

async function info(s: StartedCore) {
  return expectOk<{ screenId: string; fingerprint: string }>(s.core.dispatch({ role: 'kiosk' }, 'fleet.screen', {}));
}

async function pupilNumbers(s: StartedCore): Promise<string[]> {
  const db = openCache({ file: join(s.dataDir, 'cache.db'), key: s.key, log: memoryLogger() }).db;
  try {
    return db.prepare('SELECT number FROM pupils ORDER BY number LIMIT 10').pluck().all() as string[];
  } finally {
    db.close();
  }
}

async function consentingPupil(s: StartedCore): Promise<{ number: string; lastName: string }> {
  const db = openCache({ file: join(s.dataDir, 'cache.db'), key: s.key, log: memoryLogger() }).db;
  try {
    return db.prepare('SELECT number, last_name AS lastName FROM pupils WHERE photo_consent = 1 ORDER BY number LIMIT 1').get() as { number: string; lastName: string };
  } finally {
    db.close();
  }
}

async function localLog(s: StartedCore, caller: Parameters<StartedCore['core']['dispatch']>[0]): Promise<AuditEntry[]> {
  const { entries } = await expectOk<{ entries: AuditEntry[] }>(s.core.dispatch(caller, 'audit.query', { limit: 500 }));
  return entries.reverse();
}
