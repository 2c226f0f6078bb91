import { describe, expect, it } from 'vitest';
import type { AccountImportPlan, AccountImportResult, StaffAccount } from '@shared/domain';
import { manualClock } from '../../clock';
import { at, DAY } from '../../testing/sampleSchool';
import { expectOk, setUpAdmin, staffWindow, totpCode } from '../../testing/staffSession';
import { startCore } from '../../testing/startedCore';
import { useTempDirs } from '../../testing/tempDir';
import { staffListCsv } from './testing/staffList';

const tempDir = useTempDirs();

async function adminCore() {
  const clock = manualClock(at(DAY, '08:00'));
  const { core } = await startCore(tempDir(), { mode: 'staff', clock });
  const admin = await setUpAdmin(core, clock.now);
  const list = async () => expectOk<StaffAccount[]>(core.dispatch(admin.caller, 'accounts.list', {}));
  return { core, clock, admin, list };
}

describe('importing a staff list', () => {
  it('previews 300 rows with exactly the 5 bad ones refused and why, writes nothing; the import creates the other 295', async () => {
    const { core, admin, list } = await adminCore();
    const { csv, badLines } = staffListCsv(295, { bad: true });
    expect(badLines.size).toBe(5);

    const plan = await expectOk<AccountImportPlan>(core.dispatch(admin.caller, 'accounts.importPreview', { csv }));
    expect(plan.rows).toHaveLength(300);
    expect(plan.counts).toEqual({ create: 295, change: 0, unchanged: 0, refuse: 5 });
    const refused = plan.rows.filter((r) => r.action === 'refuse').map((r) => [r.line, r.problem] as const);
    expect(new Map(refused)).toEqual(badLines);
    // The preview wrote nothing: only the administrator exists.
    expect((await list()).map((a) => a.username)).toEqual(['beheer']);

    const result = await expectOk<AccountImportResult>(core.dispatch(admin.caller, 'accounts.import', { csv }));
    expect({ created: result.created, changed: result.changed, refused: result.refused }).toEqual({ created: 295, changed: 0, refused: 5 });
    const accounts = await list();
    expect(accounts).toHaveLength(296);
    const d010 = accounts.find((a) => a.username === 'd010')!;
    // The timetable's "(D010)" after the name is dropped: the page shows the code once, beside the name.
    expect(d010).toMatchObject({ displayName: 'Docent 10', teacherCode: 'D010', email: 'd010@school.example', role: 'teacher', mustChangePassword: true });
    expect(accounts.filter((a) => a.role === 'admin').map((a) => a.username)).toEqual(['beheer', 'd000', 'd050', 'd100', 'd150', 'd200', 'd250']);
    // Every first password is different and shown once here, never in the list of accounts.
    expect(new Set(result.firstPasswords.map((p) => p.password)).size).toBe(295);
    expect(JSON.stringify(accounts)).not.toContain(result.firstPasswords[0]!.password);

    // Imported again: nothing new, nothing changed.
    const again = await expectOk<AccountImportPlan>(core.dispatch(admin.caller, 'accounts.importPreview', { csv }));
    expect(again.counts).toEqual({ create: 0, change: 0, unchanged: 295, refuse: 5 });
    await core.stop();
  });

  it('shows what a second list changes, and refuses doubled codes and e-mail addresses and a change of your own role', async () => {
    const { core, admin, list } = await adminCore();
    await expectOk(core.dispatch(admin.caller, 'accounts.import', { csv: 'code,name,email,role\nBEE,M. de Beek,beek@school.example,docent\nJAN,P. Jansen,,docent\n' }));
    const csv = [
      'Afkorting,Naam,Mail,Rol',
      'BEE,M. de Beek-Smit,beek@school.example,beheerder', // name and role change
      'JAN,P. Jansen,jansen@school.example,docent', // an e-mail address added
      'BEE,Nog een,andere@school.example,docent', // the same code twice
      'KOK,K. Kok,jansen@school.example,docent', // an address already in this list
      'beheer,Beheerder,,docent', // the administrator demoting themselves
    ].join('\n');
    const plan = await expectOk<AccountImportPlan>(core.dispatch(admin.caller, 'accounts.importPreview', { csv }));
    expect(plan.rows.map((r) => [r.line, r.action, r.problem ?? r.changes.join('+')])).toEqual([
      [2, 'change', 'displayName+role'], [3, 'change', 'email'], [4, 'refuse', 'doubleCode'], [5, 'refuse', 'doubleEmail'], [6, 'refuse', 'ownRole'],
    ]);
    await expectOk(core.dispatch(admin.caller, 'accounts.import', { csv }));
    const bee = (await list()).find((a) => a.username === 'bee')!;
    expect(bee).toMatchObject({ displayName: 'M. de Beek-Smit', role: 'admin', totpSetupOpen: true });
    await core.stop();
  });

  it('says what is wrong with a file that is not a staff list, and writes nothing', async () => {
    const { core, admin, list } = await adminCore();
    const preview = (csv: string) => expectOk<AccountImportPlan>(core.dispatch(admin.caller, 'accounts.importPreview', { csv }));
    expect((await preview('')).fileProblem).toBe('empty');
    expect(await preview('voornaam;achternaam\nPiet;Jansen\n')).toMatchObject({ fileProblem: 'missingColumns', missingColumns: ['code', 'name'] });
    expect((await preview('PK\u0003\u0004\u0000\u0000binary')).fileProblem).toBe('notText');
    expect(await core.dispatch(admin.caller, 'accounts.import', { csv: 'voornaam\nPiet\n' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await list()).toHaveLength(1);
    await core.stop();
  });
});

describe('a first password', () => {
  it('must be replaced at the first sign-in before anything opens, and the new one must differ', async () => {
    const { core, clock, admin } = await adminCore();
    const { firstPasswords } = await expectOk<AccountImportResult>(core.dispatch(admin.caller, 'accounts.import', { csv: 'code;naam;rol\nBEE;M. de Beek;docent\n' }));
    const first = firstPasswords[0]!;
    const teacher = staffWindow();
    expect(await expectOk(core.dispatch(teacher, 'auth.signIn', { username: 'bee', password: first.password }))).toEqual({ status: 'password-change-required' });
    // Half-way, nothing opens: not the search, not an authenticator's confirmation.
    expect(await core.dispatch(teacher, 'search.query', { text: 'lok' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await core.dispatch(teacher, 'auth.verifyTotp', { code: '123456' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await core.dispatch(teacher, 'auth.setNewPassword', { password: first.password })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const done = await expectOk<{ status: string; user?: { username: string } }>(core.dispatch(teacher, 'auth.setNewPassword', { password: 'mijn eigen wachtwoord' }));
    expect(done).toMatchObject({ status: 'signed-in', user: { username: 'bee' } });
    // The first password no longer works; the new one signs in without being asked again.
    expect(await core.dispatch(staffWindow(), 'auth.signIn', { username: 'bee', password: first.password })).toMatchObject({ ok: false });
    clock.advance(10_000);
    expect(await expectOk(core.dispatch(staffWindow(), 'auth.signIn', { username: 'bee', password: 'mijn eigen wachtwoord' }))).toMatchObject({ status: 'signed-in' });
    // An administrator's account made by hand with "must change" behaves the same, then sets up its authenticator.
    await expectOk(core.dispatch(admin.caller, 'accounts.create', { username: 'adm2', displayName: 'Tweede Beheer', role: 'admin', password: 'eerste wachtwoord', teacherCode: null, mustChangePassword: true }));
    const w = staffWindow();
    expect(await expectOk(core.dispatch(w, 'auth.signIn', { username: 'adm2', password: 'eerste wachtwoord' }))).toEqual({ status: 'password-change-required' });
    const next = await expectOk<{ status: string; totp?: { secret: string } }>(core.dispatch(w, 'auth.setNewPassword', { password: 'nieuw en lang genoeg' }));
    expect(next.status).toBe('totp-setup-required');
    await expectOk(core.dispatch(w, 'auth.verifyTotp', { code: totpCode(next.totp!.secret, clock.now()) }));
    expect(await core.dispatch(w, 'accounts.list', {})).toMatchObject({ ok: true });
    await core.stop();
  });
});

describe('changing many accounts at once', () => {
  it('gives a role or disables many, ends their sessions, audits each, and never touches your own account', async () => {
    const { core, admin, list } = await adminCore();
    await expectOk(core.dispatch(admin.caller, 'accounts.import', { csv: staffListCsv(6).csv }));
    const teachers = (await list()).filter((a) => a.username.startsWith('d00') && a.role === 'teacher');
    const ids = teachers.map((a) => a.id);
    expect(await core.dispatch(admin.caller, 'accounts.bulkUpdate', { ids: [...ids, (await list()).find((a) => a.username === 'beheer')!.id], disabled: true }))
      .toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await expectOk(core.dispatch(admin.caller, 'accounts.bulkUpdate', { ids, disabled: true }))).toEqual({ changed: 5 });
    expect((await list()).filter((a) => ids.includes(a.id)).every((a) => a.disabled)).toBe(true);
    // Again: nothing left to change.
    expect(await expectOk(core.dispatch(admin.caller, 'accounts.bulkUpdate', { ids, disabled: true }))).toEqual({ changed: 0 });
    expect(await expectOk(core.dispatch(admin.caller, 'accounts.bulkUpdate', { ids: ids.slice(0, 2), role: 'admin', disabled: false }))).toEqual({ changed: 2 });
    const audit = await expectOk<{ entries: { action: string; subject: string | null; detail: string | null }[] }>(core.dispatch(admin.caller, 'audit.query', { limit: 500 }));
    expect(audit.entries.filter((e) => e.detail?.endsWith('(bulk)')).length).toBe(7);
    await core.stop();
  });
});
