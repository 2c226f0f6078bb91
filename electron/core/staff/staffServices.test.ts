import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, PupilCard, SearchHit } from '../../../shared/domain';
import { instantAt } from '../../../shared/timetable/zonedTime';
import { manualClock } from '../clock';
import { openCache } from '../db/open';
import { memoryLogger } from '../logger';
import { RECORDS_FILE, recordsMigrations } from '../records/openRecords';
import { generateDemoPortrait, generateDemoSchool, KNOWN_PUPIL } from '../sync/sources/demo';
import { expectOk, setUpAdmin } from '../testing/staffSession';
import { startCore } from '../testing/startedCore';
import { useTempDirs } from '../testing/tempDir';

const tempDir = useTempDirs();
const NOW = instantAt('2026-11-24', '10:00', 'Europe/Amsterdam');
const school = generateDemoSchool({ size: 'small', now: NOW, zone: 'Europe/Amsterdam', scope: 'staff' });
const sanne = school.pupils.find((p) => p.firstName === KNOWN_PUPIL.firstName && p.lastName === KNOWN_PUPIL.lastName)!;

async function staffCore() {
  const dir = tempDir();
  const clock = manualClock(NOW);
  const started = await startCore(dir, { mode: 'staff', snapshot: school, clock, settings: { source: { type: 'demo', size: 'small' } } });
  // A photo for Sanne, as an import would store it.
  const { db } = openCache({ file: join(dir, 'cache.db'), key: started.key, log: memoryLogger() });
  const portrait = generateDemoPortrait(sanne.number);
  db.prepare('INSERT INTO photos (pupil_number, mime, width, height, bytes) VALUES (?, ?, ?, ?, ?)').run(sanne.number, portrait.mime, portrait.width, portrait.height, Buffer.from(portrait.bytes));
  db.close();
  const admin = await setUpAdmin(started.core, clock.now);
  return { ...started, clock, admin, dir };
}

const hits = async (core: Awaited<ReturnType<typeof staffCore>>['core'], caller: Awaited<ReturnType<typeof setUpAdmin>>['caller'], text: string) =>
  (await expectOk<{ hits: SearchHit[] }>(core.dispatch(caller, 'search.query', { text }))).hits;

describe('search as you type', () => {
  it('finds Sanne van den Berg by "Berg", "van den Berg", part of her name and her number, sorted under B', async () => {
    const { core, admin } = await staffCore();
    for (const text of ['Berg', 'van den Berg', 'sanne berg', 'SANNE', sanne.number]) {
      expect((await hits(core, admin.caller, text)).map((h) => h.label), text).toContain('Sanne van den Berg');
    }
    expect((await hits(core, admin.caller, sanne.number))[0]).toMatchObject({ kind: 'pupil', code: sanne.number });
    await core.stop();
  });

  it('ignores case and accents, both ways', async () => {
    const { core, admin } = await staffCore();
    const accented = school.pupils.find((p) => /[^\u0000-\u007f]/.test(p.lastName))!;
    const plain = accented.lastName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    expect((await hits(core, admin.caller, plain)).map((h) => h.code)).toContain(accented.number);
    expect((await hits(core, admin.caller, accented.lastName.toUpperCase())).map((h) => h.code)).toContain(accented.number);
    await core.stop();
  });

  it('lists no pupils for a single letter, and at most twenty for any query', async () => {
    const { core, admin } = await staffCore();
    expect((await hits(core, admin.caller, 'a')).filter((h) => h.kind === 'pupil')).toEqual([]);
    const many = await expectOk<{ hits: SearchHit[] }>(core.dispatch(admin.caller, 'search.query', { text: 'e', limit: 50 }));
    expect(many.hits.filter((h) => h.kind === 'pupil')).toEqual([]);
    // The two-digit start that most pupil numbers share: far more than twenty pupils.
    const prefixes = new Map<string, number>();
    for (const p of school.pupils) prefixes.set(p.number.slice(0, 2), (prefixes.get(p.number.slice(0, 2)) ?? 0) + 1);
    const [prefix, count] = [...prefixes].sort((a, b) => b[1] - a[1])[0]!;
    expect(count).toBeGreaterThan(20);
    const twoDigits = await expectOk<{ hits: SearchHit[] }>(core.dispatch(admin.caller, 'search.query', { text: prefix, limit: 50 }));
    expect(twoDigits.hits.filter((h) => h.kind === 'pupil').length).toBe(20);
    await core.stop();
  });

  it('puts an exact code first: a room, a group, a teacher abbreviation', async () => {
    const { core, admin } = await staffCore();
    const room = school.rooms[3]!.code;
    const group = school.groups[0]!.code;
    const teacher = school.teachers[0]!.code;
    expect((await hits(core, admin.caller, room))[0]).toMatchObject({ kind: 'room', code: room });
    expect((await hits(core, admin.caller, group))[0]).toMatchObject({ kind: 'group', code: group });
    expect((await hits(core, admin.caller, teacher.toLowerCase()))[0]).toMatchObject({ kind: 'teacher', code: teacher });
    await core.stop();
  });
});

describe('looking at a pupil', () => {
  it('the card and the photo each write an audit entry, and the photo comes only with consent', async () => {
    const { core, admin } = await staffCore();
    const card = await expectOk<PupilCard>(core.dispatch(admin.caller, 'pupils.card', { number: sanne.number }));
    expect(card.pupil).toMatchObject({ firstName: 'Sanne', prefix: 'van den', lastName: 'Berg' });
    expect(card.photo).toBe('available');
    const photo = await expectOk<{ mime: string; base64: string }>(core.dispatch(admin.caller, 'pupils.photo', { number: sanne.number }));
    expect(Buffer.from(photo.base64, 'base64').subarray(1, 4).toString()).toBe('PNG');

    const log = await expectOk<{ entries: AuditEntry[] }>(core.dispatch(admin.caller, 'audit.query', { pupil: sanne.number }));
    expect(log.entries.map((e) => [e.actor, e.action, e.subject])).toEqual([['beheer', 'pupil.photo', sanne.number], ['beheer', 'pupil.card', sanne.number]]);

    const refused = school.pupils.find((p) => !p.photoConsent)!;
    expect((await expectOk<PupilCard>(core.dispatch(admin.caller, 'pupils.card', { number: refused.number }))).photo).toBe('no-consent');
    expect(await core.dispatch(admin.caller, 'pupils.photo', { number: refused.number })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await core.stop();
  });

  it('a group list is audited too and sorted the Dutch way', async () => {
    const { core, admin } = await staffCore();
    const group = sanne.groups[0]!;
    const members = await expectOk<{ pupils: { sortName: string }[] }>(core.dispatch(admin.caller, 'groups.members', { group }));
    const sortNames = members.pupils.map((p) => p.sortName);
    expect(sortNames).toContain('Berg, Sanne van den');
    expect([...sortNames].sort(new Intl.Collator('nl', { sensitivity: 'base' }).compare)).toEqual(sortNames);
    // Each pupil listed has the look in their own record.
    const log = await expectOk<{ entries: AuditEntry[] }>(core.dispatch(admin.caller, 'audit.query', { pupil: sanne.number }));
    expect(log.entries[0]).toMatchObject({ action: 'group.members', subject: sanne.number, detail: group });
    const all = await expectOk<{ entries: AuditEntry[] }>(core.dispatch(admin.caller, 'audit.query', { limit: 500 }));
    expect(all.entries.filter((e) => e.action === 'group.members')).toHaveLength(members.pupils.length);
    await core.stop();
  });
});

describe('the audit log', () => {
  it('detects a changed row through the hash chain', async () => {
    const { core, admin, dir, key } = await staffCore();
    await expectOk(core.dispatch(admin.caller, 'pupils.card', { number: sanne.number }));
    await expectOk(core.dispatch(admin.caller, 'pupils.card', { number: school.pupils[1]!.number }));
    expect(await expectOk(core.dispatch(admin.caller, 'audit.verify', {}))).toMatchObject({ ok: true, brokenAt: null });

    // Someone with the key edits the file directly: the triggers must be dropped first, and the chain still tells.
    const { db } = openCache({ file: join(dir, RECORDS_FILE), key, log: memoryLogger(), durability: 'durable', unreadable: 'refuse', migrations: recordsMigrations });
    expect(() => db.prepare("UPDATE audit SET subject = 'someone else' WHERE action = 'pupil.card'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    const target = (db.prepare("SELECT id FROM audit WHERE action = 'pupil.card' ORDER BY id LIMIT 1").pluck().get() as number);
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare("UPDATE audit SET subject = '999999' WHERE id = ?").run(target);
    db.close();
    expect(await expectOk(core.dispatch(admin.caller, 'audit.verify', {}))).toMatchObject({ ok: false, brokenAt: target });
    await core.stop();
  });

  it('exports CSV with formulas defused', async () => {
    const { core, admin } = await staffCore();
    await expectOk(core.dispatch(admin.caller, 'pupils.card', { number: sanne.number }));
    const { csv } = await expectOk<{ csv: string }>(core.dispatch(admin.caller, 'audit.exportCsv', { pupil: sanne.number }));
    expect(csv.split('\r\n')[0]).toBe('id,at,actor,action,subject,detail');
    expect(csv).toContain(`"pupil.card","${sanne.number}"`);
    await core.stop();
  });
});

describe("a pupil's rights", () => {
  it('exports everything held, and erasure removes the data, keeps them out of the next sync, and is audited', async () => {
    const { core, admin } = await staffCore();
    expect((await hits(core, admin.caller, sanne.number)).map((h) => h.code)).toContain(sanne.number);
    await expectOk(core.dispatch(admin.caller, 'pupils.card', { number: sanne.number }));
    const { json } = await expectOk<{ json: string }>(core.dispatch(admin.caller, 'privacy.export', { number: sanne.number }));
    const exported = JSON.parse(json);
    expect(exported.pupil).toMatchObject({ number: sanne.number, lastName: 'Berg' });
    expect(exported.photo.mime).toBe('image/png');
    expect(exported.views.map((v: { what: string }) => v.what)).toContain('pupil.card');

    await expectOk(core.dispatch(admin.caller, 'privacy.erase', { number: sanne.number }));
    expect(await core.dispatch(admin.caller, 'pupils.card', { number: sanne.number })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await hits(core, admin.caller, 'Sanne van den Berg')).map((h) => h.code)).not.toContain(sanne.number);
    const log = await expectOk<{ entries: AuditEntry[] }>(core.dispatch(admin.caller, 'audit.query', { pupil: sanne.number }));
    expect(log.entries[0]).toMatchObject({ action: 'privacy.erase' });

    // The next sync brings the school's list again, Sanne included: she stays out.
    expect((await core.syncNow()).state).toBe('idle');
    expect(await core.dispatch(admin.caller, 'pupils.card', { number: sanne.number })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.dispatch(admin.caller, 'pupils.card', { number: school.pupils[1]!.number })).toMatchObject({ ok: true });
    await core.stop();
  });
});
