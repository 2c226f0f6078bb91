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
 * found by number or by name through the staff search (a pupil search is audited as any is), so the confirmation
 * can name who is erased; a name that fits several pupils lists them to choose from.
 */
export const usePrivacyStore = defineStore('staffPrivacy', () => {
  const number = ref('');
  const subject = ref<PrivacySubject | null>(null);
  const busy = ref(false);
  const error = ref<ShownError | null>(null);
  const notice = ref<PrivacyNotice | null>(null);
  /** Pupils whose name fits what was typed, when more than one does. */
  const candidates = ref<PrivacySubject[]>([]);

  async function find(): Promise<void> {
    const wanted = number.value.trim();
    subject.value = null;
    notice.value = null;
    error.value = null;
    candidates.value = [];
    const byNumber = /^\d{3,10}$/.test(wanted);
    if (!byNumber && wanted.length < 3) {
      notice.value = { kind: 'notFound', number: wanted };
      return;
    }
    busy.value = true;
    const result = await staffCall('search.query', { text: wanted, limit: 10 });
    busy.value = false;
    if (!result.ok) {
      error.value = shownError(result.error);
      return;
    }
    const pupils = result.value.hits.filter((h) => h.kind === 'pupil').map((h) => ({ number: h.code, name: h.label }));
    const found = byNumber ? pupils.filter((p) => p.number === wanted) : pupils;
    if (found.length === 1) subject.value = found[0]!;
    else if (found.length > 1) candidates.value = found;
    else notice.value = { kind: 'notFound', number: wanted };
  }

  /** One of several pupils whose name fits. */
  function choose(pupil: PrivacySubject): void {
    subject.value = pupil;
    candidates.value = [];
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
    candidates.value = [];
  }

  return { number, subject, candidates, busy, error, notice, choose, find, exportJson, erase, $reset };
});
