import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { TotpEnrollment } from '@shared/domain/staff';
import { api } from '../../api';
import { type ShownError, shownError, staffCall } from './staffCall';

/** A staff member's own account: a new password, and (for teachers, optional) an authenticator app. */
export const useMyAccountStore = defineStore('staffMyAccount', () => {
  const busy = ref(false);
  const error = ref<ShownError | null>(null);
  const notice = ref<'saved' | 'enrolled' | null>(null);
  const enrollment = ref<TotpEnrollment | null>(null);
  /** Fresh recovery codes, on screen until the user says they kept them; never stored in the page. */
  const recoveryCodes = ref<string[] | null>(null);

  async function step<T>(work: () => Promise<{ ok: true; value: T } | { ok: false; error: Parameters<typeof shownError>[0] }>): Promise<T | null> {
    busy.value = true;
    error.value = null;
    notice.value = null;
    const result = await work();
    busy.value = false;
    if (!result.ok) {
      error.value = result.error.code === 'UNAUTHENTICATED' ? { key: 'auth.errors.wrongPassword', detail: null } : shownError(result.error);
      return null;
    }
    return result.value;
  }

  async function changePassword(current: string, next: string): Promise<boolean> {
    // UNAUTHENTICATED here means a wrong current password, not a lost session: the plain api, not staffCall.
    const done = await step(() => api.call('auth.changePassword', { current, next }));
    if (done) notice.value = 'saved';
    return done !== null;
  }

  async function startEnrollment(): Promise<void> {
    enrollment.value = await step(() => staffCall('auth.enrollTotp', {}));
  }

  async function confirmEnrollment(code: string): Promise<boolean> {
    const done = await step(() => api.call('auth.verifyTotp', { code }));
    if (!done) {
      if (error.value?.key === 'auth.errors.wrongPassword') error.value = { key: 'auth.errors.wrongCode', detail: null };
      return false;
    }
    enrollment.value = null;
    notice.value = 'enrolled';
    return true;
  }

  /** New recovery codes, after a code from the authenticator in force (the core checks it). */
  async function makeRecoveryCodes(code: string): Promise<boolean> {
    const made = await step(() => api.call('auth.newRecoveryCodes', { code }));
    if (!made) {
      if (error.value?.key === 'auth.errors.wrongPassword') error.value = { key: 'auth.errors.wrongCode', detail: null };
      return false;
    }
    recoveryCodes.value = made.codes;
    return true;
  }

  function $reset() {
    busy.value = false;
    error.value = null;
    notice.value = null;
    enrollment.value = null;
    recoveryCodes.value = null;
  }

  return { busy, error, notice, enrollment, recoveryCodes, changePassword, startEnrollment, confirmEnrollment, makeRecoveryCodes, $reset };
});
