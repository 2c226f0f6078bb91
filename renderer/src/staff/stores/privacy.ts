import { defineStore } from 'pinia';
import { ref } from 'vue';
import { type ShownError, shownError, staffCall } from './staffCall';

export interface PrivacySubject {
  number: string;
  name: string;
}

export type PrivacyNotice =
  | { kind: 'notFound'; number: string }
  | { kind: 'exported'; name: string }
  | { kind: 'erased'; name: string; number: string }
  | { kind: 'nothingToErase'; number: string };

/**
 * Rights requests for one pupil: export everything held (JSON) and erase photo and personal data. The pupil is
 * found by number through search (not audited, names only) so the confirmation can name who is erased.
 */
export const usePrivacyStore = defineStore('staffPrivacy', () => {
  const number = ref('');
  const subject = ref<PrivacySubject | null>(null);
  const busy = ref(false);
  const error = ref<ShownError | null>(null);
  const notice = ref<PrivacyNotice | null>(null);

  async function find(): Promise<void> {
    const wanted = number.value.trim();
    subject.value = null;
    notice.value = null;
    error.value = null;
    if (!/^\d{3,10}$/.test(wanted)) {
      notice.value = { kind: 'notFound', number: wanted };
      return;
    }
    busy.value = true;
    const result = await staffCall('search.query', { text: wanted, limit: 5 });
    busy.value = false;
    if (!result.ok) {
      error.value = shownError(result.error);
      return;
    }
    const hit = result.value.hits.find((h) => h.kind === 'pupil' && h.code === wanted);
    if (hit) subject.value = { number: hit.code, name: hit.label };
    else notice.value = { kind: 'notFound', number: wanted };
  }

  /** The JSON text of everything held about the pupil; the page offers it as a download. */
  async function exportJson(): Promise<string | null> {
    const who = subject.value;
    if (!who) return null;
    busy.value = true;
    error.value = null;
    const result = await staffCall('privacy.export', { number: who.number });
    busy.value = false;
    if (!result.ok) {
      error.value = shownError(result.error);
      return null;
    }
    notice.value = { kind: 'exported', name: who.name };
    return result.value.json;
  }

  async function erase(): Promise<void> {
    const who = subject.value;
    if (!who) return;
    busy.value = true;
    error.value = null;
    const result = await staffCall('privacy.erase', { number: who.number });
    busy.value = false;
    if (!result.ok) {
      error.value = shownError(result.error);
      return;
    }
    subject.value = null;
    number.value = '';
    notice.value = result.value.erased ? { kind: 'erased', name: who.name, number: who.number } : { kind: 'nothingToErase', number: who.number };
  }

  function $reset() {
    number.value = '';
    subject.value = null;
    busy.value = false;
    error.value = null;
    notice.value = null;
  }

  return { number, subject, busy, error, notice, find, exportJson, erase, $reset };
});
