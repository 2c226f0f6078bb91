import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, PupilCard, SearchHit } from '@shared/domain';
import { instantAt } from '@shared/timetable/zonedTime';
import { manualClock } from '../clock';
import { openCache } from '../db/open';
import { memoryLogger } from '../logger';
import { RECORDS_FILE, recordsMigrations } from '../records/openRecords';
import { generateDemoPortrait, generateDemoSchool, KNOWN_PUPIL } from '../demo';
import { expectOk, setUpAdmin, staffWindow, totpCode } from '../testing/staffSession';
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

  it('lists pupils only for a query that could identify one, at most twenty, and never for two letters', async () => {
    const { core, admin } = await staffCore();
    const pupilsFor = async (text: string) => (await expectOk<{ hits: SearchHit[] }>(core.dispatch(admin.caller, 'search.query', { text, limit: 50 }))).hits.filter((h) => h.kind === 'pupil');
    // The enumeration the review found: every two-letter start, 230 queries, listed the whole school. Now: nobody.
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    let shown = 0;
    for (let n = 0; n < 230; n++) shown += (await pupilsFor(letters[n % 26]! + letters[Math.floor(n / 26) % 26]!)).length;
    expect(shown).toBe(0);
    // Two digits of a number, shared by many pupils: nobody; the whole number: that pupil.
    expect(await pupilsFor(sanne.number.slice(0, 2))).toEqual([]);
    expect((await pupilsFor(sanne.number)).map((h) => h.code)).toEqual([sanne.number]);
    // Three letters of a name in a four-letter query, or two letters with the class: found.
    expect((await pupilsFor('berg')).map((h) => h.label)).toContain('Sanne van den Berg');
    const klas = school.groups.find((g) => g.kind === 'class' && school.pupils.find((p) => p.number === sanne.number)!.groups.includes(g.code))!.code;
    expect((await pupilsFor(`${klas} sa`)).map((h) => h.label)).toContain('Sanne van den Berg');
    expect((await pupilsFor('e')).length).toBe(0);
    // A broad but identifying query still shows at most twenty.
    expect((await pupilsFor(school.pupils[0]!.number.slice(0, 5))).length).toBeLessThanOrEqual(20);
    await core.stop();
  });

  it('audits every search that shows pupils, spends a per-session share, and flags the day for administrators', async () => {
    const { core, admin } = await staffCore();
    const search = (text: string) => expectOk<{ hits: SearchHit[]; pupilsWithheld: boolean }>(core.dispatch(admin.caller, 'search.query', { text, limit: 50 }));
    await search('berg');
    await search('zz'); // no pupils: no entry
    const { entries } = await expectOk<{ entries: { action: string; detail: string | null }[] }>(core.dispatch(admin.caller, 'audit.query', { limit: 500 }));
    const searches = entries.filter((e) => e.action === 'pupil.search');
    expect(searches).toHaveLength(1);
    expect(searches[0]!.detail).toMatch(/^\d+ shown: "berg"$/);
    // Enough broad queries spend the share: then the answer holds no pupils, says so, and that is audited too.
    const names = [...new Set(school.pupils.map((p) => p.lastName.slice(0, 4).toLowerCase()))];
    let withheld = false;
    for (let round = 0; round < 10 && !withheld; round++) {
      for (const name of names) {
        const answer = await search(name);
        if (answer.pupilsWithheld) {
          withheld = true;
          expect(answer.hits.filter((h) => h.kind === 'pupil')).toEqual([]);
          break;
        }
      }
    }
    expect(withheld).toBe(true);
    const { rows } = await expectOk<{ rows: { actor: string; pupilsShown: number; refused: number; flagged: boolean }[] }>(core.dispatch(admin.caller, 'audit.pupilSearches', {}));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'beheer', refused: 1, flagged: true });
    expect(rows[0]!.pupilsShown).toBeGreaterThan(250);
    expect(rows[0]!.pupilsShown).toBeLessThanOrEqual(300);
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

  it('a photo needs a second factor: a teacher signed in with a password alone is refused until an authenticator is used', async () => {
    const { core, admin, clock } = await staffCore();
    await expectOk(core.dispatch(admin.caller, 'accounts.create', { username: 'jansen', displayName: 'M. Jansen', role: 'teacher', password: 'lang genoeg wachtwoord', teacherCode: null }));
    const teacher = staffWindow();
    expect(await expectOk(core.dispatch(teacher, 'auth.signIn', { username: 'jansen', password: 'lang genoeg wachtwoord' }))).toMatchObject({ status: 'signed-in' });
    // The card opens; the photo does not, and nothing about the photo is audited as seen.
    expect(await core.dispatch(teacher, 'pupils.card', { number: sanne.number })).toMatchObject({ ok: true });
    expect(await core.dispatch(teacher, 'pupils.photo', { number: sanne.number })).toMatchObject({ ok: false, error: { code: 'SECOND_FACTOR_REQUIRED' } });
    const seen = await expectOk<{ entries: AuditEntry[] }>(core.dispatch(admin.caller, 'audit.query', { actor: 'jansen' }));
    expect(seen.entries.map((e) => e.action)).not.toContain('pupil.photo');
    // Setting up an authenticator in this session, and confirming it with a code, opens photos from then on.
    const { secret } = await expectOk<{ secret: string }>(core.dispatch(teacher, 'auth.enrollTotp', {}));
    await expectOk(core.dispatch(teacher, 'auth.verifyTotp', { code: totpCode(secret, clock.now()) }));
    expect(await core.dispatch(teacher, 'pupils.photo', { number: sanne.number })).toMatchObject({ ok: true });
    // The next sign-in asks for the code, and photos open after it.
    clock.advance(60_000);
    const next = staffWindow();
    expect(await expectOk(core.dispatch(next, 'auth.signIn', { username: 'jansen', password: 'lang genoeg wachtwoord' }))).toEqual({ status: 'totp-required' });
    await expectOk(core.dispatch(next, 'auth.verifyTotp', { code: totpCode(secret, clock.now()) }));
    expect(await core.dispatch(next, 'pupils.photo', { number: sanne.number })).toMatchObject({ ok: true });
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

  it('is keyed: a tail rewritten with only the database key, or cut off, is found', async () => {
    const { core, admin, dir, key } = await staffCore();
    for (const p of school.pupils.slice(0, 4)) await expectOk(core.dispatch(admin.caller, 'pupils.card', { number: p.number }));
    expect(await expectOk(core.dispatch(admin.caller, 'audit.verify', {}))).toMatchObject({ ok: true });
    const open = () => openCache({ file: join(dir, RECORDS_FILE), key, log: memoryLogger(), durability: 'durable', unreadable: 'refuse', migrations: recordsMigrations }).db;

    // A forger with the database key rewrites the last row (another pupil) and recomputes its link the plain way.
    let db = open();
    db.exec('DROP TRIGGER audit_no_update');
    const row = db.prepare('SELECT * FROM audit ORDER BY id DESC LIMIT 1').get() as { id: number; at_ms: number; actor: string; action: string; detail: string | null; prev_hash: string };
    const fields = [row.prev_hash, String(row.id), String(row.at_ms), row.actor, row.action, '999999', row.detail ?? '\u0000'];
    const plain = createHash('sha256').update(fields.map((f) => `${f.length}:${f}`).join('|')).digest('hex');
    db.prepare("UPDATE audit SET subject = '999999', hash = ?, keyed = 0 WHERE id = ?").run(plain, row.id);
    db.close();
    expect(await expectOk(core.dispatch(admin.caller, 'audit.verify', {}))).toMatchObject({ ok: false, brokenAt: row.id });

    // Cutting the tail off (the rewritten row with it) leaves a chain that fits, but the anchor is gone from it.
    db = open();
    db.exec('DROP TRIGGER audit_no_delete');
    db.prepare('DELETE FROM audit WHERE id >= ?').run(row.id - 1);
    db.close();
    expect(await expectOk(core.dispatch(admin.caller, 'audit.verify', {}))).toMatchObject({ ok: false, brokenAt: row.id - 1 });
    await core.stop();
  });

  it('exports CSV for a privacy request: the pupil by number and name, formulas defused', async () => {
    const { core, admin } = await staffCore();
    await expectOk(core.dispatch(admin.caller, 'pupils.card', { number: sanne.number }));
    const { csv } = await expectOk<{ csv: string }>(core.dispatch(admin.caller, 'audit.exportCsv', { pupil: sanne.number }));
    expect(csv.split('\r\n')[0]).toBe('id,at,actor,action,subject,subject_name,detail');
    expect(csv).toContain(`"pupil.card","${sanne.number}","Sanne van den Berg"`);
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
