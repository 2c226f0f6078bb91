import { describe, expect, it } from 'vitest';
import { callNames, calls } from '@shared/contract';
import { manualClock } from '../clock';
import { at, DAY, sampleSnapshot } from '../testing/sampleSchool';
import { expectOk, sessionSlot, setUpAdmin, staffWindow, totpCode } from '../testing/staffSession';
import { startCore } from '../testing/startedCore';
import { useTempDirs } from '../testing/tempDir';

const tempDir = useTempDirs();

async function staffCore() {
  const clock = manualClock(at(DAY, '08:00'));
  const started = await startCore(tempDir(), { mode: 'staff', clock });
  return { ...started, clock };
}

describe('staff sign-in', () => {
  it('starts with the first administrator, whose sign-in needs a TOTP code', async () => {
    const { core, clock } = await staffCore();
    const fresh = staffWindow();
    expect(await expectOk(core.dispatch(fresh, 'auth.status', {}))).toMatchObject({ user: null, setupNeeded: true });
    const { caller, secret } = await setUpAdmin(core, clock.now);
    expect(await expectOk(core.dispatch(caller, 'auth.status', {}))).toMatchObject({ user: { username: 'beheer', role: 'admin', totpEnabled: true }, setupNeeded: false });
    // A second set-up is refused once an account exists.
    expect(await core.dispatch(staffWindow(), 'auth.setup', { username: 'intruder', displayName: 'x', password: 'long enough pw' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    clock.advance(60_000);
    const other = staffWindow();
    expect(await expectOk(core.dispatch(other, 'auth.signIn', { username: 'beheer', password: 'correct horse battery' }))).toEqual({ status: 'totp-required' });
    // The password alone gives no rights.
    expect(await core.dispatch(other, 'accounts.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await expectOk(core.dispatch(other, 'auth.verifyTotp', { code: totpCode(secret, clock.now()) }));
    expect(await core.dispatch(other, 'accounts.list', {})).toMatchObject({ ok: true });
    await core.stop();
  });

  it('refuses a wrong password, a wrong code and a replayed code', async () => {
    const { core, clock } = await staffCore();
    const { secret } = await setUpAdmin(core, clock.now);
    const w = staffWindow();
    expect(await core.dispatch(w, 'auth.signIn', { username: 'beheer', password: 'wrong password!' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Username or password is wrong.' } });
    expect(await core.dispatch(w, 'auth.signIn', { username: 'nobody', password: 'wrong password!' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Username or password is wrong.' } });

    clock.advance(90_000);
    await expectOk(core.dispatch(w, 'auth.signIn', { username: 'beheer', password: 'correct horse battery' }));
    const wrong = totpCode(secret, clock.now()) === '000000' ? '111111' : '000000';
    expect(await core.dispatch(w, 'auth.verifyTotp', { code: wrong })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    clock.advance(4_000); // the wait after a second wrong try (the wrong password above was the first): throttle.test.ts
    const code = totpCode(secret, clock.now());
    await expectOk(core.dispatch(w, 'auth.verifyTotp', { code }));

    // The same code, on another window a few seconds later, within its 30-second step: refused.
    clock.advance(5_000);
    const replay = staffWindow();
    await expectOk(core.dispatch(replay, 'auth.signIn', { username: 'beheer', password: 'correct horse battery' }));
    expect(await core.dispatch(replay, 'auth.verifyTotp', { code })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // A code from one step earlier (within the drift allowance) is just as refused: the window is closed behind us.
    expect(await core.dispatch(replay, 'auth.verifyTotp', { code: totpCode(secret, clock.now() - 30_000) })).toMatchObject({ ok: false });
    await core.stop();
  });

  it('lets a teacher do none of the administrator calls, each tried through the contract', async () => {
    const { core, clock } = await staffCore();
    const admin = await setUpAdmin(core, clock.now);
    await expectOk(core.dispatch(admin.caller, 'accounts.create', { username: 'jansen', displayName: 'J. Jansen', role: 'teacher', password: 'a teacher password' }));
    const teacher = staffWindow();
    expect(await expectOk(core.dispatch(teacher, 'auth.signIn', { username: 'jansen', password: 'a teacher password' }))).toMatchObject({ status: 'signed-in' });
    const adminCalls = callNames.filter((n) => calls[n].role === 'admin');
    expect(adminCalls.length).toBeGreaterThan(8);
    for (const name of adminCalls) {
      expect(await core.dispatch(teacher, name, {}), name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // ... and can make a teacher call.
    expect(await core.dispatch(teacher, 'search.query', { text: 'A1' })).toMatchObject({ ok: true });
    await core.stop();
  });

  it('ends an idle session on the server too', async () => {
    const { core, clock } = await staffCore();
    const { caller } = await setUpAdmin(core, clock.now);
    expect(await core.dispatch(caller, 'accounts.list', {})).toMatchObject({ ok: true });
    clock.advance(7 * 60_000); // the default idle lock is 5 minutes, the server allows one more
    expect(await core.dispatch(caller, 'accounts.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await core.stop();
  });

  it("a changed password ends the account's other sessions and keeps the one that changed it", async () => {
    const { core, clock } = await staffCore();
    const { caller, secret } = await setUpAdmin(core, clock.now);
    clock.advance(60_000);
    const elsewhere = staffWindow();
    await expectOk(core.dispatch(elsewhere, 'auth.signIn', { username: 'beheer', password: 'correct horse battery' }));
    await expectOk(core.dispatch(elsewhere, 'auth.verifyTotp', { code: totpCode(secret, clock.now()) }));

    await expectOk(core.dispatch(caller, 'auth.changePassword', { current: 'correct horse battery', next: 'a new long password' }));

    expect(await core.dispatch(elsewhere, 'accounts.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await core.dispatch(caller, 'accounts.list', {})).toMatchObject({ ok: true });
    expect(await core.dispatch(staffWindow(), 'auth.signIn', { username: 'beheer', password: 'correct horse battery' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await core.stop();
  });

  it("creates disabled teacher accounts from the timetable's teachers, once, and skips codes no one could sign in with", async () => {
    const clock = manualClock(at(DAY, '08:00'));
    const school = sampleSnapshot();
    school.teachers.push({ code: '-X', name: null }, { code: 'É', name: null });
    const { core } = await startCore(tempDir(), { mode: 'staff', clock, snapshot: school });
    const { caller } = await setUpAdmin(core, clock.now);

    expect(await expectOk(core.dispatch(caller, 'accounts.fromUpstream', {}))).toEqual({ created: 3 });
    expect(await expectOk(core.dispatch(caller, 'accounts.fromUpstream', {}))).toEqual({ created: 0 });
    const accounts = await expectOk<{ username: string; disabled: boolean }[]>(core.dispatch(caller, 'accounts.list', {}));
    // The name as the timetable has it, without the code: the page shows the code beside it once ("(BKR) (BKR)" was a bug).
    expect((accounts as unknown as { displayName: string; teacherCode: string | null }[]).every((a) => !a.teacherCode || !a.displayName.includes(`(${a.teacherCode})`))).toBe(true);
    expect(accounts.filter((a) => a.username !== 'beheer')).toEqual([
      expect.objectContaining({ username: 'bkr', disabled: true }),
      expect.objectContaining({ username: 'jns', disabled: true }),
      expect.objectContaining({ username: 'pet', disabled: true }),
    ]);
    await core.stop();
  });

  it('keeps kiosks out of every staff call, signed in or not', async () => {
    const { core } = await startCore(tempDir(), { mode: 'kiosk' });
    const staffCalls = callNames.filter((n) => calls[n].role !== 'kiosk' || (calls[n] as { window?: string }).window === 'staff');
    for (const name of staffCalls) {
      expect(await core.dispatch({ role: 'kiosk', session: sessionSlot() }, name, {}), name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    await core.stop();
  });
});
