import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useRetryWait } from '../../composables/useRetryWait';
import type { CallError, SignInResult } from '@shared/contract';
import type { StaffUser, TotpEnrollment } from '@shared/domain/staff';
import { api } from '../../api';
import { type ShownError, shownError } from './staffCall';

/**
 * Where the sign-in stands. `setup`: no account exists, the first administrator is created here; `totp`: the
 * password was right, the code is awaited; `enroll`: an authenticator must be set up now (secret on screen).
 */
export type AuthPhase = 'unknown' | 'setup' | 'sign-in' | 'school-wait' | 'new-password' | 'totp' | 'enroll' | 'signed-in';

/** The provider behind "sign in with your school account", for the button's words; null when it is not set up. */
export type SchoolPreset = 'entra' | 'google' | 'custom';

/** The provider's answer in this page's address (the web host): code or error, with the state it belongs to. */
function providerAnswer(): string | null {
  const params = new URLSearchParams(window.location.search);
  return params.has('state') && (params.has('code') || params.has('error')) ? window.location.href : null;
}

/** Why the sign-in screen is showing, for a line of explanation (never anything personal). */
export type LockReason = 'idle' | 'expired' | 'signed-out' | null;

const DEFAULT_IDLE_MINUTES = 5;

/** Sign-in errors in the page's words: a wrong password and a wrong code read differently, a lockout shows the core's wait. */
function signInError(error: CallError, step: 'password' | 'code'): ShownError {
  if (error.code === 'UNAUTHENTICATED') return { key: step === 'password' ? 'auth.errors.wrongPassword' : 'auth.errors.wrongCode', detail: null };
  // The wait itself is shown by the form's countdown (composables/useRetryWait.ts), in the page's words.
  if (error.code === 'LOCKED') return { key: 'auth.errors.tooSoon', detail: null };
  if (error.code === 'UNAVAILABLE') return { key: 'auth.errors.unavailable', detail: error.message };
  // The password was right, but an administrator's authenticator is not in force and nobody reopened its set-up.
  if (error.code === 'FORBIDDEN' && step === 'password') return { key: 'auth.errors.noFactor', detail: null };
  return shownError(error);
}

export const useAuthStore = defineStore('staffAuth', () => {
  const phase = ref<AuthPhase>('unknown');
  const user = ref<StaffUser | null>(null);
  const idleLockMinutes = ref(DEFAULT_IDLE_MINUTES);
  const schoolSignIn = ref<SchoolPreset | null>(null);
  let stopListening: (() => void) | null = null;
  /** The authenticator secret while it is being set up; dropped as soon as the code is confirmed. */
  const enrollment = ref<TotpEnrollment | null>(null);
  const error = ref<ShownError | null>(null);
  const busy = ref(false);
  const lockReason = ref<LockReason>(null);
  /** After a sign-in with a recovery code: how many are left (My account says so and offers the new phone's set-up). */
  const recoveryCodesLeft = ref<number | null>(null);
  /** After a wrong try the core checks no other for a few seconds: the forms hold their button and count down. */
  const retry = useRetryWait();

  /** A refused step: its message, and the core's wait before the next try. */
  function refused(callError: CallError, step: 'password' | 'code') {
    error.value = signInError(callError, step);
    retry.hold(callError.retryAfterSeconds ?? 0);
  }

  const signedIn = computed(() => phase.value === 'signed-in' && user.value !== null);
  const isAdmin = computed(() => user.value?.role === 'admin');

  async function run<T>(work: () => Promise<T>): Promise<T> {
    busy.value = true;
    error.value = null;
    try {
      return await work();
    } finally {
      busy.value = false;
    }
  }

  function becomeSignedIn(who: StaffUser) {
    user.value = who;
    enrollment.value = null;
    lockReason.value = null;
    phase.value = 'signed-in';
  }

  /** Asks the core who is signed in on this window (a reload keeps the session: the host holds it). */
  async function load(): Promise<boolean> {
    const result = await api.call('auth.status', {});
    if (!result.ok) {
      error.value = shownError(result.error);
      return false;
    }
    const status = result.value;
    idleLockMinutes.value = status.idleLockMinutes;
    schoolSignIn.value = status.schoolSignIn?.preset ?? null;
    const answer = providerAnswer();
    if (answer && !status.user) {
      // Back from the school's sign-in page. The code leaves the address bar and the history at once; the core
      // uses it once anyway.
      window.history.replaceState(null, '', window.location.pathname);
      phase.value = 'sign-in';
      await finishSchoolSignIn(answer);
      return true;
    }
    if (status.user) becomeSignedIn(status.user);
    else phase.value = status.setupNeeded ? 'setup' : 'sign-in';
    return true;
  }

  function setup(input: { username: string; displayName: string; password: string }) {
    return run(async () => {
      const result = await api.call('auth.setup', input);
      if (!result.ok) {
        error.value = shownError(result.error);
        // Someone else created the first account meanwhile: sign in instead.
        if (result.error.code === 'CONFLICT') phase.value = 'sign-in';
        return false;
      }
      enrollment.value = result.value.totp;
      phase.value = 'enroll';
      return true;
    });
  }

  function signIn(input: { username: string; password: string }) {
    return run(async () => {
      const result = await api.call('auth.signIn', input);
      if (!result.ok) {
        refused(result.error, 'password');
        return false;
      }
      follow(result.value);
      return true;
    });
  }

  /** Where a sign-in goes next, as the core answered. */
  function follow(answer: SignInResult) {
    if (answer.status === 'signed-in') becomeSignedIn(answer.user);
    else if (answer.status === 'totp-required') phase.value = 'totp';
    else if (answer.status === 'password-change-required') phase.value = 'new-password';
    else if (answer.status === 'refused') {
      phase.value = 'sign-in';
      error.value = { key: `auth.schoolRefused.${answer.reason}`, detail: null };
    } else {
      enrollment.value = answer.totp;
      phase.value = 'enroll';
    }
  }

  /**
   * Sign-in with the school's account. The web page goes to the provider and comes back to this address; the desktop
   * app opens the system browser and its main process hands the answer back (the auth.schoolReturn event).
   */
  function startSchoolSignIn() {
    return run(async () => {
      const result = await api.call('auth.schoolSignInStart', { redirectUri: `${window.location.origin}${window.location.pathname}` });
      if (!result.ok) {
        error.value = result.error.code === 'UNAVAILABLE' ? { key: 'auth.schoolRefused.unreachable', detail: null } : shownError(result.error);
        return false;
      }
      if (window.gangbord) {
        // The desktop app's listener hands the provider's answer to this window (once per page is enough).
        stopListening ??= api.on('auth.schoolReturn', ({ callbackUrl }) => void finishSchoolSignIn(callbackUrl));
        phase.value = 'school-wait';
        return true;
      }
      window.location.assign(result.value.url);
      return true;
    });
  }

  function finishSchoolSignIn(callbackUrl: string) {
    return run(async () => {
      const result = await api.call('auth.schoolSignInFinish', { callbackUrl });
      if (!result.ok) {
        phase.value = 'sign-in';
        error.value = shownError(result.error);
        return false;
      }
      follow(result.value);
      return result.value.status !== 'refused';
    });
  }

  /** A first password replaced by the user's own; the sign-in then goes on (a code, a set-up, or in). */
  function setNewPassword(password: string) {
    return run(async () => {
      const result = await api.call('auth.setNewPassword', { password });
      if (!result.ok) {
        // Taken too long (the half-done sign-in expired): back to the password, saying why.
        if (result.error.code === 'UNAUTHENTICATED') phase.value = 'sign-in';
        error.value = result.error.code === 'CONFLICT' ? { key: 'auth.errors.sameAsFirst', detail: null } : shownError(result.error);
        return false;
      }
      follow(result.value);
      return true;
    });
  }

  function verifyTotp(code: string) {
    return run(async () => {
      const result = await api.call('auth.verifyTotp', { code });
      if (!result.ok) {
        refused(result.error, 'code');
        return false;
      }
      becomeSignedIn(result.value.user);
      return true;
    });
  }

  /** The second step with a recovery code instead of the app's code; My account opens next, for the new phone. */
  function useRecoveryCode(code: string) {
    return run(async () => {
      const result = await api.call('auth.useRecoveryCode', { code });
      if (!result.ok) {
        refused(result.error, 'code');
        return false;
      }
      recoveryCodesLeft.value = result.value.codesLeft;
      becomeSignedIn(result.value.user);
      return true;
    });
  }

  /** Back to the password step (a half-done sign-in expires in the core by itself). */
  function restart() {
    enrollment.value = null;
    error.value = null;
    phase.value = 'sign-in';
  }

  /** Ends the session in the core and here. Never fails: a page that cannot reach the core still forgets the user. */
  async function signOut(reason: Exclude<LockReason, null>): Promise<void> {
    forget(reason);
    // Also when the core already ended it (expired): the host then forgets the page's session too.
    await api.call('auth.signOut', {});
  }

  /** Forgets the user at once (before any network round trip), keeping only how long the idle lock is. */
  function forget(reason: LockReason) {
    user.value = null;
    enrollment.value = null;
    error.value = null;
    busy.value = false;
    lockReason.value = reason;
    recoveryCodesLeft.value = null;
    phase.value = 'sign-in';
  }

  function $reset() {
    phase.value = 'unknown';
    user.value = null;
    enrollment.value = null;
    error.value = null;
    busy.value = false;
    lockReason.value = null;
    recoveryCodesLeft.value = null;
    idleLockMinutes.value = DEFAULT_IDLE_MINUTES;
  }

  return {
    phase, user, idleLockMinutes, schoolSignIn, enrollment, error, busy, lockReason, recoveryCodesLeft, signedIn, isAdmin, waitSeconds: retry.seconds,
    load, setup, signIn, startSchoolSignIn, finishSchoolSignIn, setNewPassword, verifyTotp, useRecoveryCode, restart, signOut, forget, $reset,
  };
});
