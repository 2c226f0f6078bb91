import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import type { SignInResult } from '@shared/contract';
import type { AuditEntry, StaffAccount } from '@shared/domain';
import { manualClock } from '../../clock';
import { at, DAY, PUPIL } from '../../testing/sampleSchool';
import { expectOk, setUpAdmin, staffWindow } from '../../testing/staffSession';
import { startCore } from '../../testing/startedCore';
import { useTempDirs } from '../../testing/tempDir';
import { driveSignIn } from './testing/signInDriver';
import { startTestProvider, type TestProvider } from './testing/testProvider';

const tempDir = useTempDirs();
const REDIRECT = 'http://127.0.0.1:4567/staff.html';

/** What the token endpoint's ID token is changed into before Gangbord sees it; null leaves it as the provider made it. */
type Tamper = null | 'audience' | 'issuer' | 'expired' | 'unknown-key' | 'unsigned';
let tamper: Tamper = null;
let provider: TestProvider | null = null;
afterEach(async () => {
  tamper = null;
  await provider?.stop();
  provider = null;
});

/** Re-signs the ID token with the provider's own key (so only the changed claim is wrong), or with another, or none. */
async function tampered(idToken: string, p: TestProvider): Promise<string> {
  const claims = decodeJwt(idToken);
  if (tamper === 'unsigned') {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${part({ alg: 'none' })}.${part(claims)}.`;
  }
  const now = Math.floor(Date.now() / 1000);
  const changed = {
    ...claims,
    ...(tamper === 'audience' ? { aud: 'another-app' } : {}),
    ...(tamper === 'issuer' ? { iss: 'https://login.example.net/other-school' } : {}),
    ...(tamper === 'expired' ? { iat: now - 7200, exp: now - 3600 } : {}),
  };
  const key = tamper === 'unknown-key' ? { privateKey: (await generateKeyPair('RS256')).privateKey, kid: 'not-the-schools-key' } : p.signingKey;
  return new SignJWT(changed).setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(key.privateKey);
}

/** The network between Gangbord and the provider, where a test may change the token endpoint's answer. */
const tamperingFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (tamper === null || !url.endsWith('/token') || !provider) return res;
  const body = (await res.json()) as { id_token?: string };
  if (body.id_token) body.id_token = await tampered(body.id_token, provider);
  return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json' } });
};

const GROUP_ROLES = [{ group: 'docenten', role: 'teacher' }, { group: 'gangbord-beheer', role: 'admin' }] as const;

async function schoolCore(roles: readonly { group: string; role: 'teacher' | 'admin' }[] = GROUP_ROLES) {
  provider = await startTestProvider({
    dirk: { email: 'd.docent@school.example', name: 'Dirk Docent', groups: ['docenten'] },
    bea: { email: 'b.heer@school.example', name: 'Bea Heer', groups: ['docenten', 'gangbord-beheer'] },
    eva: { email: 'e.extern@school.example', name: 'Eva Extern', groups: ['ouders'] },
    gina: { email: 'g.google@school.example', name: 'Gina Google' },
    otto: { email: 'o.onbekend@school.example', name: 'Otto Onbekend' },
  });
  const clock = manualClock(at(DAY, '08:00'));
  const { core } = await startCore(tempDir(), {
    mode: 'staff', clock, oidcFetch: tamperingFetch,
    settings: {
      staff: {
        idleLockMinutes: 5,
        schoolSignIn: { preset: 'custom', issuer: provider.issuer, clientId: provider.clientId, roles: [...roles] },
      },
    },
  });
  const admin = await setUpAdmin(core, clock.now);
  const signIn = async (account: string, mfa: boolean, window = staffWindow()) => {
    const { url } = await expectOk<{ url: string }>(core.dispatch(window, 'auth.schoolSignInStart', { redirectUri: REDIRECT }));
    const callbackUrl = await driveSignIn(url, { account, mfa });
    return { window, callbackUrl, result: await expectOk<SignInResult>(core.dispatch(window, 'auth.schoolSignInFinish', { callbackUrl })) };
  };
  const refusals = async () =>
    (await expectOk<{ entries: AuditEntry[] }>(core.dispatch(admin.caller, 'audit.query', { limit: 500 }))).entries.filter((e) => e.action === 'auth.sign-in-failed').map((e) => e.detail);
  return { core, admin, signIn, refusals };
}

describe("signing in with the school's account (a real OpenID provider on loopback)", () => {
  it('signs a teacher in with PKCE, takes the role from the group claim, and opens photos only with the provider\'s second factor', async () => {
    const { core, admin, signIn } = await schoolCore();
    const { url } = await expectOk<{ url: string }>(core.dispatch(staffWindow(), 'auth.schoolSignInStart', { redirectUri: REDIRECT }));
    const asked = new URL(url).searchParams;
    expect([asked.get('code_challenge_method'), asked.get('response_type'), asked.get('redirect_uri')]).toEqual(['S256', 'code', REDIRECT]);
    expect(asked.get('state')).toBeTruthy();
    expect(asked.get('nonce')).toBeTruthy();

    const withFactor = await signIn('dirk', true);
    expect(withFactor.result).toMatchObject({ status: 'signed-in', user: { displayName: 'Dirk Docent', role: 'teacher' } });
    // A photo is asked for: no photo of this pupil (NOT_FOUND), not a refusal for want of a second factor.
    expect(await core.dispatch(withFactor.window, 'pupils.photo', { number: PUPIL.number })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const passwordOnly = await signIn('dirk', false);
    expect(passwordOnly.result).toMatchObject({ status: 'signed-in' });
    expect(await core.dispatch(passwordOnly.window, 'pupils.photo', { number: PUPIL.number })).toMatchObject({ ok: false, error: { code: 'SECOND_FACTOR_REQUIRED' } });

    // One account, found again by its subject; its e-mail address from the token.
    const accounts = await expectOk<StaffAccount[]>(core.dispatch(admin.caller, 'accounts.list', {}));
    expect(accounts.filter((a) => a.email === 'd.docent@school.example')).toHaveLength(1);
    await core.stop();
  });

  it("gives the administrators' group its role, with Gangbord's own authenticator when the provider gave no second factor", async () => {
    const { core, signIn } = await schoolCore();
    expect((await signIn('bea', false)).result).toMatchObject({ status: 'totp-setup-required' });
    expect((await signIn('bea', true)).result).toMatchObject({ status: 'signed-in', user: { role: 'admin' } });
    await core.stop();
  });

  it('refuses an account in no group with a role, a replayed address, a stolen code, and each forged token; all audited', async () => {
    const { core, signIn, refusals } = await schoolCore();
    expect((await signIn('eva', true)).result).toEqual({ status: 'refused', reason: 'no-role' });

    // The same return address twice (a reload, or a replay): the attempt was used.
    const first = await signIn('dirk', true);
    expect(first.result).toMatchObject({ status: 'signed-in' });
    expect(await expectOk(core.dispatch(first.window, 'auth.schoolSignInFinish', { callbackUrl: first.callbackUrl }))).toEqual({ status: 'refused', reason: 'expired-attempt' });
    // Its code in a fresh attempt of another window: the provider refuses it (used, and not this attempt's PKCE).
    const other = staffWindow();
    const { url } = await expectOk<{ url: string }>(core.dispatch(other, 'auth.schoolSignInStart', { redirectUri: REDIRECT }));
    const stolen = new URL(first.callbackUrl);
    stolen.searchParams.set('state', new URL(url).searchParams.get('state')!);
    expect(await expectOk(core.dispatch(other, 'auth.schoolSignInFinish', { callbackUrl: stolen.toString() }))).toEqual({ status: 'refused', reason: 'code-refused' });

    const forged: [Tamper, string][] = [
      ['audience', 'wrong-audience'], ['issuer', 'wrong-issuer'], ['expired', 'token-expired'], ['unknown-key', 'bad-signature'], ['unsigned', 'bad-signature'],
    ];
    for (const [how, reason] of forged) {
      tamper = how;
      const attempt = await signIn('dirk', true);
      expect({ how, result: attempt.result }).toEqual({ how, result: { status: 'refused', reason } });
      // Refused means no session: nothing opens.
      expect(await core.dispatch(attempt.window, 'search.query', { text: 'lok' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    tamper = null;
    const logged = await refusals();
    for (const reason of ['no-role', 'expired-attempt', 'code-refused', 'wrong-audience', 'wrong-issuer', 'token-expired', 'bad-signature']) {
      expect(logged.some((d) => d?.startsWith(`school account refused (${reason})`)), reason).toBe(true);
    }
    await core.stop();
  });

  it('refreshes the role at every sign-in: out of the administrators\' group is a teacher, out of every group is refused', async () => {
    const { core, signIn } = await schoolCore();
    expect((await signIn('bea', true)).result).toMatchObject({ status: 'signed-in', user: { role: 'admin' } });
    provider!.accounts.get('bea')!.groups = ['docenten'];
    expect((await signIn('bea', true)).result).toMatchObject({ status: 'signed-in', user: { role: 'teacher' } });
    provider!.accounts.get('bea')!.groups = ['ouders'];
    expect((await signIn('bea', true)).result).toEqual({ status: 'refused', reason: 'no-role' });
    await core.stop();
  });

  it('takes the role from the staff list for a provider that sends no groups (Google Workspace), and refuses who is not on it', async () => {
    const { core, admin, signIn } = await schoolCore([]);
    await expectOk(core.dispatch(admin.caller, 'accounts.import', { csv: 'code;naam;e-mail;rol\nGGO;G. Google;g.google@school.example;docent\n' }));
    expect((await signIn('gina', true)).result).toMatchObject({ status: 'signed-in', user: { username: 'ggo', role: 'teacher', displayName: 'Gina Google' } });
    expect((await signIn('otto', true)).result).toEqual({ status: 'refused', reason: 'no-role' });
    await core.stop();
  });

  it('sends the browser back only to this machine', async () => {
    const { core } = await schoolCore();
    for (const redirectUri of ['https://evil.example/staff.html', 'http://192.168.1.5:8080/staff.html', 'http://127.0.0.1.evil.example/x']) {
      expect(await core.dispatch(staffWindow(), 'auth.schoolSignInStart', { redirectUri })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    await core.stop();
  });
});
