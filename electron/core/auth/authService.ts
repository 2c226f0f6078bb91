import type { AuthStatus, Caller, Role, SignInResult } from '@shared/contract';
import { type StaffAccount, type StaffRole, type StaffUser, type TotpEnrollment, Username } from '@shared/domain';
import { CallFailure, tooSoon } from '../api/callFailure';
import type { AuditLog } from '../audit/auditLog';
import { burnVerify, hashSecret, verifySecret } from '../crypto/scryptHash';
import { type AccountRow, type Accounts, toAccount, toUser } from './accounts';
import type { Sessions } from './sessions';
import { newRecoveryCodes, useRecoveryCode } from './recoveryCodes';
import { createThrottle, type Throttle } from './throttle';
import { checkTotp, newTotpEnrollment } from './totp';

const WRONG = 'Username or password is wrong.';
/** Pupils a session may be shown by search; far more than a day of finding pupils, far fewer than a school. */
export const PUPIL_SEARCH_BUDGET = 300;

export interface AuthContext {
  accounts: Accounts;
  sessions: Sessions;
  audit: AuditLog;
  now: () => number;
  idleLockMinutes: () => number;
  /** Guesses are slowed here (docs/security-accounts.md §3); one is made when not given. */
  throttle?: Throttle;
  /** Which school sign-in is set up, for the sign-in screen to offer; none when not given. */
  schoolSignIn?: () => { preset: 'entra' | 'google' | 'custom' } | null;
}

export interface Resolved {
  role: Role;
  user: StaffUser | null;
}

/**
 * Staff sign-in: a password, then for administrators (and teachers who chose it) a TOTP code; growing waits after
 * wrong tries; sessions bound by the host to one window. Everything that matters is audited.
 * The authenticator's life cycle (pending beside confirmed, set-up only where an administrator opened it, recovery
 * codes) is docs/security-accounts.md §1.
 */
export function createAuthService(ctx: AuthContext) {
  const { accounts, sessions, audit, now } = ctx;
  const throttle = ctx.throttle ?? createThrottle(now);
  /** The host's name for the calling window; callers without one (tests, tools) share one. */
  const clientOf = (caller: Caller) => caller.client ?? 'local';

  const slot = (caller: Caller) => {
    if (!caller.session) throw new CallFailure('FORBIDDEN', 'Signing in is for staff PCs, not for screens.');
    return caller.session;
  };

  /** Refuses a try while this client (or anyone, for this name) must still wait; nothing is checked meanwhile. */
  function mustWait(caller: Caller, name: string, what: string, burn?: string): void {
    const wait = throttle.waitMs(clientOf(caller), name);
    if (wait <= 0) return;
    // As long as a checked password would take: a wait looks the same for every name, known or not.
    if (burn !== undefined) burnVerify(burn);
    throw tooSoon(wait, what);
  }

  /**
   * A wrong password or code. The waits grow; no account is locked by it and no session ends, whoever typed it.
   * `row` is null for a name no account has: counted the same, so the answers cannot tell names apart.
   */
  function failed(caller: Caller, name: string, row: AccountRow | null, what: 'password' | 'code'): never {
    const { hardLocked } = throttle.failed(clientOf(caller), name);
    if (row) audit.append(row.username, 'auth.sign-in-failed', row.username, what);
    if (hardLocked) audit.append('system', 'auth.locked', name.toLowerCase(), 'one hour: too many wrong tries from any window');
    const wait = Math.ceil(throttle.waitMs(clientOf(caller), name) / 1000);
    throw new CallFailure('UNAUTHENTICATED', what === 'password' ? WRONG : 'That code is not right, or it was already used.', wait);
  }

  function signedIn(caller: Caller, row: AccountRow, secondFactor: boolean, detail: string | null = null): StaffUser {
    const token = sessions.open(row.id, 'full', secondFactor);
    slot(caller).set(token);
    throttle.succeeded(clientOf(caller), row.username);
    const updated = accounts.set(row.id, { last_sign_in_ms: now() });
    audit.append(row.username, 'auth.sign-in', row.username, detail);
    return toUser(updated);
  }

  /** Where a sign-in goes once the password was right: a new password, the code, an authenticator set-up, or in. */
  function afterPassword(caller: Caller, row: AccountRow, detail: string | null = null): SignInResult {
    const s = slot(caller);
    if (row.must_change_password === 1) {
      s.set(sessions.open(row.id, 'password-change'));
      return { status: 'password-change-required' };
    }
    if (row.totp_enabled === 1) {
      s.set(sessions.open(row.id, 'totp'));
      return { status: 'totp-required' };
    }
    if (row.role === 'admin') {
      // Administrators always use a second step. The password alone never binds a new authenticator: set-up is
      // offered only where another administrator opened it (a new account, a reset, a promotion).
      if (row.totp_setup_open !== 1) {
        audit.append(row.username, 'auth.sign-in-failed', row.username, 'administrator without a confirmed authenticator');
        throw new CallFailure('FORBIDDEN', 'This administrator account has no authenticator in force. Another administrator can reopen its set-up.');
      }
      const totp = newTotpEnrollment(row.username);
      accounts.set(row.id, { totp_pending_secret: totp.secret });
      audit.append(row.username, 'auth.factor', row.username, 'authenticator set-up started at sign-in');
      s.set(sessions.open(row.id, 'totp-setup'));
      return { status: 'totp-setup-required', totp };
    }
    return { status: 'signed-in', user: signedIn(caller, row, false, detail) };
  }

  /** The session behind a caller, if it is a complete one, refreshed when the call needs staff rights. */
  function resolve(caller: Caller, staffCall: boolean): Resolved {
    const token = caller.session?.get() ?? null;
    const session = sessions.get(token);
    if (!session || session.stage !== 'full') return { role: caller.role, user: null };
    const row = accounts.byId(session.accountId);
    if (!row || row.disabled === 1) {
      sessions.close(token);
      return { role: caller.role, user: null };
    }
    if (staffCall && token) sessions.touch(token);
    return { role: row.role, user: toUser(row) };
  }

  return {
    resolve,

    status(caller: Caller): AuthStatus {
      return {
        user: resolve(caller, false).user, setupNeeded: accounts.count() === 0, idleLockMinutes: ctx.idleLockMinutes(),
        schoolSignIn: ctx.schoolSignIn?.() ?? null,
      };
    },

    /** The first administrator, on a machine without accounts. Signs in only after the authenticator is set up. */
    setup(caller: Caller, input: { username: string; displayName: string; password: string }): { user: StaffUser; totp: TotpEnrollment } {
      slot(caller);
      if (accounts.count() > 0) throw new CallFailure('CONFLICT', 'Accounts exist already; an administrator creates new ones.');
      const totp = newTotpEnrollment(input.username);
      const row = accounts.create({
        username: input.username,
        displayName: input.displayName,
        role: 'admin',
        passwordHash: hashSecret(input.password),
        teacherCode: null,
        now: now(),
      });
      accounts.set(row.id, { totp_pending_secret: totp.secret, totp_setup_open: 1 });
      audit.append(row.username, 'accounts.change', row.username, 'first administrator created');
      audit.append(row.username, 'auth.factor', row.username, 'authenticator set-up started (first administrator)');
      slot(caller).set(sessions.open(row.id, 'totp-setup'));
      return { user: toUser(row), totp };
    },

    signIn(caller: Caller, input: { username: string; password: string }): SignInResult {
      const s = slot(caller);
      s.set(null);
      mustWait(caller, input.username, 'passwords', input.password);
      const row = accounts.byUsername(input.username);
      if (!row || row.disabled === 1 || row.password_hash === null) {
        burnVerify(input.password);
        failed(caller, input.username, null, 'password');
      }
      if (!verifySecret(input.password, row.password_hash)) failed(caller, input.username, row, 'password');
      return afterPassword(caller, row);
    },

    /**
     * A session for an account whose first factor was checked elsewhere (the school's sign-in). With the provider's
     * second factor it is complete; without, it goes on as after a password (Gangbord's authenticator, or a session
     * that opens no photos).
     */
    startSession(caller: Caller, row: AccountRow, via: { secondFactor: boolean; detail: string }): SignInResult {
      slot(caller).set(null);
      if (via.secondFactor) return { status: 'signed-in', user: signedIn(caller, row, true, via.detail) };
      return afterPassword(caller, row, via.detail);
    },

    /** A first password replaced by the user's own (docs/security-accounts.md §6); then the sign-in goes on. */
    setNewPassword(caller: Caller, password: string): SignInResult {
      const s = slot(caller);
      const token = s.get();
      const session = sessions.get(token);
      const row = session?.stage === 'password-change' ? accounts.byId(session.accountId) : undefined;
      if (!row || row.disabled === 1 || row.password_hash === null) throw new CallFailure('UNAUTHENTICATED', 'Sign in with your first password first.');
      if (verifySecret(password, row.password_hash)) throw new CallFailure('CONFLICT', 'Choose a password of your own, not the first one you were given.');
      const updated = accounts.set(row.id, { password_hash: hashSecret(password), must_change_password: 0 });
      audit.append(row.username, 'accounts.change', row.username, 'first password replaced at sign-in');
      sessions.close(token);
      s.set(null);
      return afterPassword(caller, updated);
    },

    /** The second step of a sign-in, the end of a set-up, or a teacher confirming a new authenticator. */
    verifyTotp(caller: Caller, code: string): { user: StaffUser } {
      const s = slot(caller);
      const token = s.get();
      const session = sessions.get(token);
      // A first password waiting to be replaced opens nothing else, not even an authenticator's confirmation.
      if (!session || session.stage === 'password-change') throw new CallFailure('UNAUTHENTICATED', 'Sign in with your password first.');
      const row = accounts.byId(session.accountId);
      // A sign-in checks the confirmed authenticator; a set-up (at sign-in, or a signed-in user's new one) the pending.
      const confirming = session.stage !== 'totp';
      const secret = !row ? null : confirming ? row.totp_pending_secret : row.totp_enabled === 1 ? row.totp_secret : null;
      if (!row || row.disabled === 1 || secret === null) {
        throw new CallFailure(
          'UNAUTHENTICATED',
          confirming && session.stage === 'full' ? 'Start setting up the new authenticator first.' : 'Sign in with your password first.',
        );
      }
      mustWait(caller, row.username, 'codes');
      // A new authenticator's first code: a replay window of its own (the old factor's last step says nothing of it).
      const check = checkTotp(secret, code, now(), confirming ? null : row.totp_last_step);
      if (!check.valid) failed(caller, row.username, row, 'code');
      if (confirming) {
        accounts.set(row.id, { totp_secret: secret, totp_pending_secret: null, totp_enabled: 1, totp_setup_open: 0, totp_last_step: check.step });
        audit.append(
          row.username,
          'auth.factor',
          row.username,
          row.totp_enabled === 1 ? 'new authenticator confirmed; the old one stopped working' : 'authenticator confirmed',
        );
      } else {
        accounts.set(row.id, { totp_last_step: check.step });
      }
      if (session.stage === 'full') {
        // A teacher who set up an authenticator while signed in has just used it: photos open in this session now.
        session.secondFactor = true;
        return { user: toUser(accounts.byId(row.id)!) };
      }
      sessions.close(token);
      return { user: signedIn(caller, row, true) };
    },

    /** The second step with a recovery code instead of the authenticator: for a lost or broken phone. */
    useRecoveryCode(caller: Caller, code: string): { user: StaffUser; codesLeft: number } {
      const s = slot(caller);
      const token = s.get();
      const session = sessions.get(token);
      const row = session?.stage === 'totp' ? accounts.byId(session.accountId) : undefined;
      if (!row || row.disabled === 1) throw new CallFailure('UNAUTHENTICATED', 'Sign in with your password first.');
      mustWait(caller, row.username, 'codes');
      const used = useRecoveryCode(row.recovery_codes, code);
      if (!used) failed(caller, row.username, row, 'code');
      accounts.set(row.id, { recovery_codes: used.stored });
      audit.append(row.username, 'auth.recovery-code', row.username, `recovery code used; ${used.left} left`);
      sessions.close(token);
      return { user: signedIn(caller, row, true), codesLeft: used.left };
    },

    /** Fresh recovery codes, after a code from the authenticator in force; the old ones stop working. */
    newRecoveryCodes(caller: Caller, user: StaffUser, code: string): { codes: string[] } {
      const row = accounts.byId(user.id)!;
      if (row.totp_enabled !== 1 || row.totp_secret === null)
        throw new CallFailure('CONFLICT', 'Set up an authenticator first; recovery codes stand in for it.');
      mustWait(caller, row.username, 'codes');
      const check = checkTotp(row.totp_secret, code, now(), row.totp_last_step);
      if (!check.valid) failed(caller, row.username, row, 'code');
      const fresh = newRecoveryCodes();
      accounts.set(row.id, { totp_last_step: check.step, recovery_codes: fresh.stored });
      audit.append(user.username, 'auth.recovery-code', user.username, 'new recovery codes made; the old ones stopped working');
      return { codes: fresh.codes };
    },

    /**
     * Pupil photos need a second factor in this session (docs/security-accounts.md §6): a password alone, known to
     * whoever looked over a shoulder in the staff room, must not open the faces of the school's children.
     */
    requireSecondFactor(caller: Caller): void {
      const session = sessions.get(caller.session?.get() ?? null);
      if (session?.stage === 'full' && session.secondFactor) return;
      throw new CallFailure(
        'SECOND_FACTOR_REQUIRED',
        'Pupil photos open only after signing in with an authenticator app: set one up under My account (it counts from then on).',
      );
    },

    /** Counts pupils shown by search against the session's budget; false (and nothing counted) once it is spent. */
    spendPupilSearch(caller: Caller, shown: number): boolean {
      const session = sessions.get(caller.session?.get() ?? null);
      if (!session) return false;
      if (session.pupilsShown + shown > PUPIL_SEARCH_BUDGET) return false;
      session.pupilsShown += shown;
      return true;
    },

    signOut(caller: Caller): Record<string, never> {
      const s = slot(caller);
      const { user } = resolve(caller, false);
      sessions.close(s.get());
      s.set(null);
      if (user) audit.append(user.username, 'auth.sign-out', user.username, null);
      return {};
    },

    changePassword(caller: Caller, user: StaffUser, current: string, next: string): Record<string, never> {
      const row = accounts.byId(user.id)!;
      mustWait(caller, row.username, 'passwords', current);
      if (row.password_hash === null || !verifySecret(current, row.password_hash)) failed(caller, row.username, row, 'password');
      accounts.set(row.id, { password_hash: hashSecret(next) });
      // A changed password is often a suspicion that someone else knew it: their sessions end; this window's stays.
      sessions.closeAccount(row.id, caller.session?.get() ?? null);
      audit.append(user.username, 'accounts.change', user.username, 'password changed');
      return {};
    },

    enrollTotp(user: StaffUser): TotpEnrollment {
      const totp = newTotpEnrollment(user.username);
      // Kept apart until a first code from it is confirmed (auth.verifyTotp): the authenticator in force stays in
      // force meanwhile, so a set-up left half-done neither locks anyone out nor leaves the account without a factor.
      accounts.set(user.id, { totp_pending_secret: totp.secret });
      audit.append(user.username, 'auth.factor', user.username, 'new authenticator set-up started');
      return totp;
    },

    // --- administration --------------------------------------------------------------------------------------------

    list: (): StaffAccount[] => accounts.all().map((row) => ({ ...toAccount(row), lockedUntil: throttle.hardLockedUntil(row.username) })),

    create(
      admin: StaffUser,
      input: { username: string; displayName: string; role: StaffRole; password: string; teacherCode: string | null; mustChangePassword?: boolean },
    ): StaffAccount {
      if (accounts.byUsername(input.username)) throw new CallFailure('CONFLICT', `There is already an account "${input.username}".`);
      let row = accounts.create({ ...input, passwordHash: hashSecret(input.password), now: now() });
      if (row.role === 'admin') row = accounts.set(row.id, { totp_setup_open: 1 });
      audit.append(admin.username, 'accounts.change', row.username, `created as ${row.role}`);
      return toAccount(row);
    },

    update(
      admin: StaffUser,
      input: { id: number; displayName?: string; role?: StaffRole; disabled?: boolean; password?: string; resetTotp?: boolean },
    ): StaffAccount {
      const row = accounts.byId(input.id);
      if (!row) throw new CallFailure('NOT_FOUND', 'There is no such account.');
      if (row.id === admin.id && (input.role === 'teacher' || input.disabled === true)) {
        throw new CallFailure('CONFLICT', 'You cannot take away your own administrator rights; another administrator can.');
      }
      if (row.id === admin.id && input.resetTotp) {
        throw new CallFailure(
          'CONFLICT',
          'Your own authenticator is changed under My account (the current one stays until the new one is confirmed); a reset is for another administrator to do.',
        );
      }
      const changes: Partial<AccountRow> = {};
      if (input.displayName !== undefined) changes.display_name = input.displayName;
      if (input.role !== undefined) changes.role = input.role;
      if (input.disabled !== undefined) changes.disabled = input.disabled ? 1 : 0;
      if (input.password !== undefined) Object.assign(changes, { password_hash: hashSecret(input.password) });
      if (input.resetTotp)
        Object.assign(changes, {
          totp_secret: null,
          totp_pending_secret: null,
          totp_enabled: 0,
          totp_last_step: null,
          recovery_codes: null,
          totp_setup_open: 1,
        });
      // A promotion to administrator without an authenticator: its set-up is offered at the next sign-in.
      else if (input.role === 'admin' && row.role !== 'admin' && row.totp_enabled !== 1) changes.totp_setup_open = 1;
      const updated = accounts.set(row.id, changes);
      if (input.password !== undefined) throttle.forget(row.username);
      if (input.disabled || input.password !== undefined || input.resetTotp || input.role !== undefined) sessions.closeAccount(row.id);
      audit.append(
        admin.username,
        'accounts.change',
        row.username,
        Object.keys(changes)
          .filter((k) => k !== 'password_hash' && !k.startsWith('totp_') && k !== 'recovery_codes')
          .join(', ') + (input.password ? ', password' : ''),
      );
      if (input.resetTotp)
        audit.append(admin.username, 'auth.factor', row.username, 'authenticator and recovery codes reset; set-up offered at the next sign-in');
      else if (changes.totp_setup_open === 1)
        audit.append(admin.username, 'auth.factor', row.username, 'promoted to administrator: authenticator set-up offered at the next sign-in');
      return { ...toAccount(updated), lockedUntil: throttle.hardLockedUntil(updated.username) };
    },

    /** Accounts for the timetable's teachers that have none: disabled and without a password until an admin sets one. */
    fromUpstream(admin: StaffUser, teachers: { code: string; displayName: string }[]): { created: number } {
      let created = 0;
      const linked = new Set(
        accounts
          .all()
          .map((a) => a.teacher_code)
          .filter((c): c is string => c !== null),
      );
      for (const t of teachers) {
        // Only a code that makes a valid username (the one sign-in accepts) gets an account; the rest are skipped.
        const parsed = Username.safeParse(t.code.toLowerCase().replace(/[^a-z0-9._-]/g, ''));
        if (!parsed.success) continue;
        const username = parsed.data;
        if (linked.has(t.code) || accounts.byUsername(username)) continue;
        accounts.create({ username, displayName: t.displayName, role: 'teacher', passwordHash: null, teacherCode: t.code, disabled: true, now: now() });
        created++;
      }
      if (created) audit.append(admin.username, 'accounts.change', null, `${created} accounts created from the timetable's teachers`);
      return { created };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
