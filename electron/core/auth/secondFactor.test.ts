import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@shared/domain';
import type { Core } from '../app.types';
import { manualClock } from '../clock';

type ManualClock = ReturnType<typeof manualClock>;
import { at, DAY } from '../testing/sampleSchool';
import { expectOk, setUpAdmin, staffWindow, totpCode } from '../testing/staffSession';
import { startCore } from '../testing/startedCore';
import { useTempDirs } from '../testing/tempDir';

const tempDir = useTempDirs();
const PASSWORD = 'correct horse battery';

async function staffCore() {
  const clock = manualClock(at(DAY, '08:00'));
  const started = await startCore(tempDir(), { mode: 'staff', clock });
  const admin = await setUpAdmin(started.core, clock.now);
  return { ...started, clock, admin };
}

async function factorEntries(core: Core, caller: ReturnType<typeof staffWindow>): Promise<AuditEntry[]> {
  const { entries } = await expectOk<{ entries: AuditEntry[] }>(core.dispatch(caller, 'audit.query', { limit: 500 }));
  return entries.filter((e) => e.action === 'auth.factor' || e.action === 'auth.recovery-code');
}

/** Signs in with password and the authenticator's current code; answers the signed-in window. */
async function signIn(core: Core, clock: ManualClock, username: string, password: string, secret: string) {
  clock.advance(31_000); // a fresh time step: each code is accepted once
  const w = staffWindow();
  expect(await expectOk(core.dispatch(w, 'auth.signIn', { username, password }))).toEqual({ status: 'totp-required' });
  await expectOk(core.dispatch(w, 'auth.verifyTotp', { code: totpCode(secret, clock.now()) }));
  return w;
}

describe("an administrator's authenticator", () => {
  it('is not bypassed by a re-enrolment left unconfirmed: the password alone gets no set-up and no session', async () => {
    const { core, clock, admin } = await staffCore();
    // The real administrator starts setting up a new phone and walks away before confirming.
    await expectOk(core.dispatch(admin.caller, 'auth.enrollTotp', {}));

    // Someone who knows the password, at another PC.
    const attacker = staffWindow();
    const answer = await expectOk(core.dispatch(attacker, 'auth.signIn', { username: 'beheer', password: PASSWORD }));
    expect(answer).toEqual({ status: 'totp-required' });
    expect(answer).not.toHaveProperty('totp');
    expect(await core.dispatch(attacker, 'accounts.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    // The administrator's own authenticator still works.
    const again = await signIn(core, clock, 'beheer', PASSWORD, admin.secret);
    expect(await core.dispatch(again, 'accounts.list', {})).toMatchObject({ ok: true });
    await core.stop();
  });

  it('switches to a new authenticator only when a code from it is confirmed, and audits each step', async () => {
    const { core, clock, admin } = await staffCore();
    const { secret: next } = await expectOk<{ secret: string }>(core.dispatch(admin.caller, 'auth.enrollTotp', {}));
    // A code from the old phone does not confirm the new one.
    clock.advance(31_000);
    expect(await core.dispatch(admin.caller, 'auth.verifyTotp', { code: totpCode(admin.secret, clock.now()) })).toMatchObject({ ok: false });
    clock.advance(2_000); // the wait after a wrong code
    await expectOk(core.dispatch(admin.caller, 'auth.verifyTotp', { code: totpCode(next, clock.now()) }));

    // From now on the new one signs in and the old one does not.
    clock.advance(31_000);
    const old = staffWindow();
    await expectOk(core.dispatch(old, 'auth.signIn', { username: 'beheer', password: PASSWORD }));
    expect(await core.dispatch(old, 'auth.verifyTotp', { code: totpCode(admin.secret, clock.now()) })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await signIn(core, clock, 'beheer', PASSWORD, next);

    const details = (await factorEntries(core, admin.caller)).map((e) => e.detail).reverse();
    expect(details).toEqual([
      'authenticator set-up started (first administrator)',
      'authenticator confirmed',
      'new authenticator set-up started',
      'new authenticator confirmed; the old one stopped working',
    ]);
    await core.stop();
  });

  it('offers a set-up at sign-in only after another administrator reset it, and never to one that was not reset', async () => {
    const { core, clock, admin } = await staffCore();
    const created = await expectOk<{ id: number }>(core.dispatch(admin.caller, 'accounts.create', { username: 'tweede', displayName: 'Tweede', role: 'admin', password: 'second admin password' }));
    // A new administrator account sets up its authenticator at its first sign-in.
    const first = staffWindow();
    const offered = await expectOk<{ status: string; totp: { secret: string } }>(core.dispatch(first, 'auth.signIn', { username: 'tweede', password: 'second admin password' }));
    expect(offered.status).toBe('totp-setup-required');
    await expectOk(core.dispatch(first, 'auth.verifyTotp', { code: totpCode(offered.totp.secret, clock.now()) }));
    // ... once: the next sign-in asks for its code.
    clock.advance(31_000);
    expect(await expectOk(core.dispatch(staffWindow(), 'auth.signIn', { username: 'tweede', password: 'second admin password' }))).toEqual({ status: 'totp-required' });

    // An administrator cannot reset their own (that would be the bypass again); another one can.
    expect(await core.dispatch(first, 'accounts.update', { id: created.id, resetTotp: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await expectOk(core.dispatch(admin.caller, 'accounts.update', { id: created.id, resetTotp: true }));
    const afterReset = await expectOk<{ status: string }>(core.dispatch(staffWindow(), 'auth.signIn', { username: 'tweede', password: 'second admin password' }));
    expect(afterReset.status).toBe('totp-setup-required');
    const reset = (await factorEntries(core, admin.caller)).find((e) => e.subject === 'tweede' && e.actor === 'beheer');
    expect(reset?.detail).toMatch(/reset/);
    await core.stop();
  });

  it('a teacher promoted to administrator sets one up at the next sign-in; the password alone never binds one otherwise', async () => {
    const { core, admin } = await staffCore();
    const teacher = await expectOk<{ id: number }>(core.dispatch(admin.caller, 'accounts.create', { username: 'jansen', displayName: 'J. Jansen', role: 'teacher', password: 'a teacher password' }));
    expect(await expectOk(core.dispatch(staffWindow(), 'auth.signIn', { username: 'jansen', password: 'a teacher password' }))).toMatchObject({ status: 'signed-in' });
    await expectOk(core.dispatch(admin.caller, 'accounts.update', { id: teacher.id, role: 'admin' }));
    expect(await expectOk(core.dispatch(staffWindow(), 'auth.signIn', { username: 'jansen', password: 'a teacher password' }))).toMatchObject({ status: 'totp-setup-required' });
    await core.stop();
  });
});

describe('recovery codes', () => {
  it('stand in for a lost phone once each, are made only with a code from the authenticator, and are audited', async () => {
    const { core, clock, admin } = await staffCore();
    clock.advance(31_000);
    expect(await core.dispatch(admin.caller, 'auth.newRecoveryCodes', { code: '000000' })).toMatchObject({ ok: false });
    clock.advance(31_000);
    const { codes } = await expectOk<{ codes: string[] }>(core.dispatch(admin.caller, 'auth.newRecoveryCodes', { code: totpCode(admin.secret, clock.now()) }));
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    // The phone is lost: password, then a recovery code (typed in lower case, without the dash).
    const w = staffWindow();
    await expectOk(core.dispatch(w, 'auth.signIn', { username: 'beheer', password: PASSWORD }));
    const typed = codes[3]!.toLowerCase().replace('-', '');
    expect(await expectOk(core.dispatch(w, 'auth.useRecoveryCode', { code: typed }))).toMatchObject({ user: { username: 'beheer' }, codesLeft: 9 });
    expect(await core.dispatch(w, 'accounts.list', {})).toMatchObject({ ok: true });

    // Used once: refused the second time.
    const again = staffWindow();
    await expectOk(core.dispatch(again, 'auth.signIn', { username: 'beheer', password: PASSWORD }));
    expect(await core.dispatch(again, 'auth.useRecoveryCode', { code: codes[3]! })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // Without the password first, a code opens nothing.
    expect(await core.dispatch(staffWindow(), 'auth.useRecoveryCode', { code: codes[4]! })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    const details = (await factorEntries(core, w)).filter((e) => e.action === 'auth.recovery-code').map((e) => e.detail);
    expect(details).toEqual(['recovery code used; 9 left', 'new recovery codes made; the old ones stopped working']);
    await core.stop();
  });

  it('are kept as hashes: no code is readable in the records database', async () => {
    const dir = tempDir();
    const clock = manualClock(at(DAY, '08:00'));
    const { core, key } = await startCore(dir, { mode: 'staff', clock });
    const admin = await setUpAdmin(core, clock.now);
    clock.advance(31_000);
    const { codes } = await expectOk<{ codes: string[] }>(core.dispatch(admin.caller, 'auth.newRecoveryCodes', { code: totpCode(admin.secret, clock.now()) }));
    await core.stop();
    const { openRecords } = await import('../records/openRecords');
    const { memoryLogger } = await import('../logger');
    const db = openRecords(dir, key, memoryLogger());
    const stored = db.prepare("SELECT recovery_codes FROM accounts WHERE username = 'beheer'").pluck().get() as string;
    db.close();
    expect(JSON.parse(stored)).toHaveLength(10);
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace('-', ''));
    }
  });
});
