import { describe, expect, it } from 'vitest';
import type { Caller } from '@shared/contract';
import { manualClock } from '../clock';
import { at, DAY } from '../testing/sampleSchool';
import { expectOk, sessionSlot, setUpAdmin, totpCode } from '../testing/staffSession';
import { startCore } from '../testing/startedCore';
import { useTempDirs } from '../testing/tempDir';
import { createThrottle, SIGN_IN_RULES } from './throttle';

const tempDir = useTempDirs();
const PASSWORD = 'correct horse battery';
const windowOf = (client: string): Caller => ({ role: 'kiosk', session: sessionSlot(), client });

async function staffCore() {
  const clock = manualClock(at(DAY, '08:00'));
  const started = await startCore(tempDir(), { mode: 'staff', clock });
  const admin = await setUpAdmin(started.core, clock.now);
  return { ...started, clock, admin };
}

describe('the throttle', () => {
  it('waits 2 s after a failure, doubling to a minute, and an hour only after fifty in a row', () => {
    let now = 0;
    const t = createThrottle(() => now);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      t.failed('a', 'beheer');
      waits.push(t.waitMs('a', 'beheer'));
      now += t.waitMs('a', 'beheer');
    }
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    // Another window is not slowed by the first one's eight guesses...
    expect(t.waitMs('b', 'beheer')).toBe(0);
    // ... until the name has had more than ten failures from anywhere.
    for (let i = 0; i < 3; i++) t.failed(`c${i}`, 'beheer');
    expect(t.waitMs('b', 'beheer')).toBe(2_000);
    for (let n = 12; n < SIGN_IN_RULES.hardAfter; n++) t.failed(`d${n}`, 'beheer');
    expect(t.hardLockedUntil('beheer')).toBeNull();
    expect(t.failed('e', 'beheer')).toEqual({ hardLocked: true });
    expect(t.waitMs('z', 'beheer')).toBe(3_600_000);
    expect(t.hardLockedUntil('BEHEER')).toBe(now + 3_600_000);
    t.forget('beheer');
    expect(t.waitMs('a', 'beheer')).toBe(0);
  });
});

describe('wrong passwords at the sign-in screen', () => {
  it('slow the next try on that window, but never lock the account or end its sessions elsewhere', async () => {
    const { core, clock, admin } = await staffCore();
    const stranger = windowOf('window-9');
    for (let i = 0; i < 6; i++) {
      expect(await core.dispatch(stranger, 'auth.signIn', { username: 'beheer', password: `wrong password ${i}` })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      const early = await core.dispatch(stranger, 'auth.signIn', { username: 'beheer', password: PASSWORD });
      // Too soon: refused without being checked, with the wait as data for the page.
      expect(early).toMatchObject({ ok: false, error: { code: 'LOCKED', retryAfterSeconds: Math.min(60, 2 ** (i + 1)) } });
      clock.advance(Math.min(60, 2 ** (i + 1)) * 1000);
    }
    // The administrator's open session went on working throughout ...
    expect(await core.dispatch(admin.caller, 'accounts.list', {})).toMatchObject({ ok: true });
    // ... and the administrator signs in at another window at once.
    clock.advance(31_000);
    const own = windowOf('window-1');
    expect(await expectOk(core.dispatch(own, 'auth.signIn', { username: 'beheer', password: PASSWORD }))).toEqual({ status: 'totp-required' });
    await expectOk(core.dispatch(own, 'auth.verifyTotp', { code: totpCode(admin.secret, clock.now()) }));
    await core.stop();
  });

  it('answer a name no account has exactly as a known one, and slow it the same', async () => {
    const { core, clock } = await staffCore();
    const answers = async (username: string) => {
      const w = windowOf(`probe-${username}`);
      const out: unknown[] = [];
      for (let i = 0; i < 4; i++) {
        out.push(await core.dispatch(w, 'auth.signIn', { username, password: `wrong password ${i}` }));
        out.push(await core.dispatch(w, 'auth.signIn', { username, password: `wrong password ${i}` }));
        clock.advance(2 ** (i + 1) * 1000);
      }
      return out;
    };
    expect(await answers('nobody')).toEqual(await answers('beheer'));
    await core.stop();
  });

  it('slow wrong codes the same way, after the right password', async () => {
    const { core, clock, admin } = await staffCore();
    clock.advance(31_000);
    const w = windowOf('window-2');
    await expectOk(core.dispatch(w, 'auth.signIn', { username: 'beheer', password: PASSWORD }));
    const right = totpCode(admin.secret, clock.now());
    const wrong = right === '000000' ? '111111' : '000000';
    expect(await core.dispatch(w, 'auth.verifyTotp', { code: wrong })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await core.dispatch(w, 'auth.verifyTotp', { code: right })).toMatchObject({ ok: false, error: { code: 'LOCKED', retryAfterSeconds: 2 } });
    clock.advance(2_000);
    await expectOk(core.dispatch(w, 'auth.verifyTotp', { code: totpCode(admin.secret, clock.now()) }));
    await core.stop();
  });
});
