import * as oidc from 'openid-client';
import type { Caller, SignInResult } from '@shared/contract';
import { Username } from '@shared/domain';
import type { SchoolSignIn } from '@shared/settings';
import { CallFailure } from '../../api/callFailure';
import type { AuditLog } from '../../audit/auditLog';
import type { AccountRow, Accounts } from '../accounts';
import type { AuthService } from '../authService';
import { readClaims, roleFromGroups, type SchoolClaims } from './claims';
import { loopbackRedirect } from './loopbackRedirect';
import type { ProviderClient } from './providerClient';
import { refusalOf, SchoolSignInRefused } from './refusal';

/** A sign-in started and not finished within this long is forgotten (the provider's own codes live shorter). */
const ATTEMPT_MS = 10 * 60_000;
/** Attempts kept at once: a handful of staff PCs' windows, never an unbounded map. */
const MAX_ATTEMPTS = 64;

interface Attempt {
  client: string;
  verifier: string;
  nonce: string;
  redirectUri: string;
  at: number;
}

export interface SchoolSignInContext {
  settings: () => SchoolSignIn | null;
  secret: (name: string) => Promise<string | null>;
  provider: ProviderClient;
  accounts: Accounts;
  auth: AuthService;
  audit: AuditLog;
  now: () => number;
}

/**
 * Sign-in with the school's own account (docs/school-sign-in.md): OpenID Connect, authorization code with PKCE, state
 * and nonce, a loopback redirect; the ID token's issuer, audience, expiry, nonce and signature checked by
 * openid-client. The account is found by the token's subject (then by e-mail, once), its role set from its groups at
 * every sign-in, and a second factor taken from the provider's amr/acr or asked from Gangbord's own authenticator.
 */
export function createSchoolSignIn(ctx: SchoolSignInContext) {
  const attempts = new Map<string, Attempt>();
  const clientOf = (caller: Caller) => caller.client ?? 'local';

  function configured(): SchoolSignIn {
    const settings = ctx.settings();
    if (!settings) throw new CallFailure('NOT_FOUND', "Signing in with the school's account is not set up on this machine.");
    return settings;
  }

  async function config(settings: SchoolSignIn): Promise<oidc.Configuration> {
    const secret = settings.clientSecret ? await ctx.secret(settings.clientSecret) : null;
    if (settings.clientSecret && secret === null) throw new SchoolSignInRefused('not-configured', `The client secret "${settings.clientSecret}" is not stored on this machine.`);
    return ctx.provider.configFor(settings, secret, ctx.now());
  }

  function forgetOld(now: number) {
    for (const [state, a] of attempts) if (now - a.at > ATTEMPT_MS) attempts.delete(state);
    while (attempts.size >= MAX_ATTEMPTS) attempts.delete(attempts.keys().next().value!);
  }

  /** A username for a new school account: the address's local part, made valid and unique ("p.jansen", "p.jansen2"). */
  function newUsername(claims: SchoolClaims): string {
    const base = (claims.email?.split('@')[0] ?? `school-${claims.sub}`).toLowerCase().replace(/[^a-z0-9._-]/g, '').replace(/^[^a-z0-9]+/, '').slice(0, 36) || 'school';
    const padded = base.length < 2 ? `${base}0` : base;
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? padded : `${padded}${n}`;
      if (Username.safeParse(candidate).success && !ctx.accounts.byUsername(candidate)) return candidate;
    }
  }

  /** The local account of a school account: by subject; else, once, the one unlinked account with its e-mail address. */
  function existingAccount(claims: SchoolClaims): AccountRow | undefined {
    const bySubject = ctx.accounts.bySchoolSubject(`${claims.iss} ${claims.sub}`);
    if (bySubject || !claims.email) return bySubject;
    const byEmail = ctx.accounts.byEmail(claims.email).filter((a) => a.school_subject === null);
    return byEmail.length === 1 ? byEmail[0] : undefined;
  }

  /** That account brought up to date from the token (linked, name, address, role), or a new one. */
  function accountFor(claims: SchoolClaims, existing: AccountRow | undefined, role: 'teacher' | 'admin'): AccountRow {
    const subject = `${claims.iss} ${claims.sub}`;
    if (!existing) {
      const made = ctx.accounts.create({
        username: newUsername(claims), displayName: claims.name ?? claims.email ?? claims.sub, role, passwordHash: null, teacherCode: null,
        email: claims.email, now: ctx.now(),
      });
      ctx.audit.append('system', 'accounts.change', made.username, `created from the school's sign-in as ${role}`);
      return ctx.accounts.set(made.id, { school_subject: subject, totp_setup_open: role === 'admin' ? 1 : 0 });
    }
    const columns: Partial<AccountRow> = { school_subject: subject };
    if (claims.name && claims.name !== existing.display_name) columns.display_name = claims.name;
    if (claims.email && claims.email !== existing.email) columns.email = claims.email;
    if (role !== existing.role) {
      columns.role = role;
      // Made an administrator by the school's groups: Gangbord's own authenticator, unless the provider gives a factor.
      if (role === 'admin' && existing.totp_enabled !== 1) columns.totp_setup_open = 1;
      ctx.audit.append('system', 'accounts.change', existing.username, `role ${role} from the school's groups (was ${existing.role})`);
    }
    return ctx.accounts.set(existing.id, columns);
  }

  function refuse(caller: Caller, refused: SchoolSignInRefused, who: string | null): SignInResult {
    ctx.audit.append(who ?? 'system', 'auth.sign-in-failed', who, `school account refused (${refused.reason}): ${refused.message.slice(0, 300)}`);
    caller.session?.set(null);
    return { status: 'refused', reason: refused.reason };
  }

  return {
    /** The provider's address for this window's browser to open; the attempt's secrets stay here. */
    async start(caller: Caller, redirectUri: string): Promise<{ url: string }> {
      if (!caller.session) throw new CallFailure('FORBIDDEN', 'Signing in is for staff PCs, not for screens.');
      const settings = configured();
      const redirect = loopbackRedirect(redirectUri).toString();
      let configuration: oidc.Configuration;
      try {
        configuration = await config(settings);
      } catch (error) {
        const refused = refusalOf(error);
        ctx.audit.append('system', 'auth.sign-in-failed', null, `school account: the provider could not be reached (${refused.message.slice(0, 200)})`);
        throw new CallFailure('UNAVAILABLE', `The school's sign-in provider could not be reached: ${refused.message.slice(0, 200)}`);
      }
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      forgetOld(ctx.now());
      attempts.set(state, { client: clientOf(caller), verifier, nonce, redirectUri: redirect, at: ctx.now() });
      const url = oidc.buildAuthorizationUrl(configuration, {
        redirect_uri: redirect, scope: 'openid profile email', response_type: 'code', state, nonce,
        // How the person signed in (OIDC Core 5.5): a provider that leaves amr out by default includes it when asked.
        claims: JSON.stringify({ id_token: { amr: null, acr: null } }),
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
      });
      return { url: url.toString() };
    },

    /** The provider sent the browser back: the code is exchanged once, the token checked, the account signed in. */
    async finish(caller: Caller, callbackUrl: string): Promise<SignInResult> {
      if (!caller.session) throw new CallFailure('FORBIDDEN', 'Signing in is for staff PCs, not for screens.');
      const settings = configured();
      const url = new URL(callbackUrl);
      const state = url.searchParams.get('state') ?? '';
      const attempt = attempts.get(state);
      // One use: a second finish with the same address (a replay, a reload) finds nothing.
      attempts.delete(state);
      if (!attempt || attempt.client !== clientOf(caller) || ctx.now() - attempt.at > ATTEMPT_MS) {
        return refuse(caller, new SchoolSignInRefused('expired-attempt', 'No sign-in was started from this window with this state, or it expired or was used already.'), null);
      }
      let claims: SchoolClaims;
      try {
        const returned = new URL(attempt.redirectUri);
        returned.search = url.search;
        const tokens = await oidc.authorizationCodeGrant(await config(settings), returned, {
          pkceCodeVerifier: attempt.verifier, expectedState: state, expectedNonce: attempt.nonce, idTokenExpected: true,
        });
        claims = readClaims(tokens.claims() as unknown as Record<string, unknown>, settings);
      } catch (error) {
        return refuse(caller, refusalOf(error), null);
      }
      const existing = existingAccount(claims);
      // A provider that sends no groups at all (Google Workspace): the role of the account already here for this
      // person (linked before, or the one account with this e-mail address from the imported staff list).
      const role = claims.groupsMissing && settings.roles.length === 0 ? (existing?.role ?? null) : roleFromGroups(claims.groups, settings);
      if (role === null) {
        return refuse(caller, new SchoolSignInRefused('no-role', `${claims.email ?? claims.sub} is in none of the groups that have a role in Gangbord.`),
          existing?.school_subject ? existing.username : null); // in the name of the account it signed in as before
      }
      const row = accountFor(claims, existing, role);
      if (row.disabled === 1) return refuse(caller, new SchoolSignInRefused('disabled', 'The account is disabled on this machine.'), row.username);
      return ctx.auth.startSession(caller, row, {
        secondFactor: claims.secondFactor, detail: claims.secondFactor ? 'school account, second factor by the provider' : 'school account',
      });
    },
  };
}

export type SchoolSignInService = ReturnType<typeof createSchoolSignIn>;
