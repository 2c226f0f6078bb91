import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApi } from '../../api';
import { FakeTransport } from '../../testing/fakeTransport';
import { user } from '../testing/staffBuilders';
import { useAuthStore } from './auth';

const TOTP = { secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', uri: 'otpauth://totp/Gangbord:beheer?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=Gangbord' };

describe('useAuthStore', () => {
  let fake: FakeTransport;
  beforeEach(() => {
    setActivePinia(createPinia());
    fake = new FakeTransport().respond('auth.signOut', {});
    setApi(fake);
  });
  afterEach(() => setApi(null));

  it('starts at the first-run screen when no account exists, and takes the idle minutes from the core', async () => {
    fake.respond('auth.status', { user: null, setupNeeded: true, idleLockMinutes: 7 });
    const auth = useAuthStore();
    await auth.load();
    expect(auth.phase).toBe('setup');
    expect(auth.idleLockMinutes).toBe(7);
  });

  it('sets up the first administrator, shows the secret until the code is confirmed, then forgets it', async () => {
    fake.respond('auth.setup', { user: user({ totpEnabled: false }), totp: TOTP }).respond('auth.verifyTotp', { user: user() });
    const auth = useAuthStore();
    await auth.setup({ username: 'beheer', displayName: 'Bea Heer', password: 'correct horse battery' });
    expect(auth.phase).toBe('enroll');
    expect(auth.enrollment).toEqual(TOTP);
    await auth.verifyTotp('123456');
    expect(auth.phase).toBe('signed-in');
    expect(auth.enrollment).toBeNull();
    expect(auth.isAdmin).toBe(true);
  });

  it('asks for the code after the password, and tells a wrong password from a wrong code', async () => {
    const auth = useAuthStore();
    fake.respond('auth.signIn', () => ({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Username or password is wrong.' } }));
    await auth.signIn({ username: 'beheer', password: 'nope' });
    expect(auth.error).toEqual({ key: 'auth.errors.wrongPassword', detail: null });
    fake.respond('auth.signIn', { status: 'totp-required' });
    await auth.signIn({ username: 'beheer', password: 'right' });
    expect(auth.phase).toBe('totp');
    expect(auth.error).toBeNull();
    fake.respond('auth.verifyTotp', () => ({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'That code is not right.' } }));
    await auth.verifyTotp('000000');
    expect(auth.error).toEqual({ key: 'auth.errors.wrongCode', detail: null });
    expect(auth.phase).toBe('totp');
  });

  it('holds the next try for the wait the core asks, counting down in whole seconds', async () => {
    vi.useFakeTimers();
    try {
      fake.respond('auth.signIn', () => ({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Username or password is wrong.', retryAfterSeconds: 4 } }));
      const auth = useAuthStore();
      await auth.signIn({ username: 'docent', password: 'x' });
      expect(auth.error).toEqual({ key: 'auth.errors.wrongPassword', detail: null });
      expect(auth.waitSeconds).toBe(4);
      vi.advanceTimersByTime(1_000);
      expect(auth.waitSeconds).toBe(3);
      vi.advanceTimersByTime(3_000);
      expect(auth.waitSeconds).toBe(0);
      // A try the core refused as too soon reads as such, without the core's English.
      fake.respond('auth.signIn', () => ({ ok: false, error: { code: 'LOCKED', message: 'Too many wrong passwords; try again in 8 seconds.', retryAfterSeconds: 8 } }));
      await auth.signIn({ username: 'docent', password: 'x' });
      expect(auth.error).toEqual({ key: 'auth.errors.tooSoon', detail: null });
      expect(auth.waitSeconds).toBe(8);
    } finally {
      vi.useRealTimers();
    }
  });

  it('makes an administrator without an authenticator set one up before signing in', async () => {
    fake.respond('auth.signIn', { status: 'totp-setup-required', totp: TOTP });
    const auth = useAuthStore();
    await auth.signIn({ username: 'beheer', password: 'right' });
    expect(auth.phase).toBe('enroll');
    expect(auth.user).toBeNull();
  });

  it('signs out in the core and forgets the user at once', async () => {
    fake.respond('auth.status', { user: user(), setupNeeded: false, idleLockMinutes: 5 });
    const auth = useAuthStore();
    await auth.load();
    expect(auth.signedIn).toBe(true);
    const done = auth.signOut('idle');
    expect(auth.user).toBeNull();
    expect(auth.phase).toBe('sign-in');
    await done;
    expect(fake.callsOf('auth.signOut')).toHaveLength(1);
    expect(auth.lockReason).toBe('idle');
  });
});
