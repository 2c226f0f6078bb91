import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AuditKindName } from '@shared/domain/auditKinds';
import type { AuditEntry } from '@shared/domain/staff';
import type { LocalDate } from '@shared/domain/time';
import { addDays, instantAt } from '@shared/timetable/zonedTime';
import { type ShownError, shownError, staffCall } from './staffCall';

export const AUDIT_PAGE = 100;

export interface AuditFilterForm {
  actor: string;
  pupil: string;
  /** One kind of entry (looks at pupils, sign-ins, accounts, administration), or all. */
  kind: AuditKindName | '';
  /** School-zone dates, both inclusive; empty for open-ended. */
  from: LocalDate | '';
  to: LocalDate | '';
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
}

const emptyFilter = (): AuditFilterForm => ({ actor: '', pupil: '', kind: '', from: '', to: '' });

/** The filter as the contract takes it: instants in the school's zone, `to` up to the end of that day. */
export function auditFilter(form: AuditFilterForm, zone: string) {
  return {
    ...(form.actor.trim() ? { actor: form.actor.trim().toLowerCase() } : {}),
    ...(form.pupil.trim() ? { pupil: form.pupil.trim() } : {}),
    ...(form.kind ? { kind: form.kind } : {}),
    ...(form.from ? { from: instantAt(form.from, '00:00', zone) } : {}),
    ...(form.to ? { to: instantAt(addDays(form.to, 1), '00:00', zone) } : {}),
  };
}

/** The audit log for administrators: newest first, a page at a time, with a CSV export and the chain check. */
export const useAuditStore = defineStore('staffAudit', () => {
  const filter = ref<AuditFilterForm>(emptyFilter());
  const entries = ref<AuditEntry[]>([]);
  const more = ref(false);
  const loading = ref(false);
  const error = ref<ShownError | null>(null);
  const chain = ref<ChainCheck | null>(null);
  const checking = ref(false);
  const exporting = ref(false);
  /** The filter the shown entries answer: "load more" continues that one even if the form changed since. */
  let applied: ReturnType<typeof auditFilter> = {};

  async function fetchPage(before?: number): Promise<void> {
    loading.value = true;
    error.value = null;
    const result = await staffCall('audit.query', { ...applied, limit: AUDIT_PAGE, ...(before ? { before } : {}) });
    loading.value = false;
    if (!result.ok) {
      error.value = shownError(result.error);
      return;
    }
    entries.value = before ? [...entries.value, ...result.value.entries] : result.value.entries;
    more.value = result.value.more;
  }

  function search(zone: string): Promise<void> {
    applied = auditFilter(filter.value, zone);
    return fetchPage();
  }

  function loadMore(): Promise<void> {
    const last = entries.value.at(-1);
    return last ? fetchPage(last.id) : Promise.resolve();
  }

  /** The CSV text for the form's filter; the page turns it into a download. */
  async function exportCsv(zone: string): Promise<string | null> {
    exporting.value = true;
    error.value = null;
    const result = await staffCall('audit.exportCsv', auditFilter(filter.value, zone));
    exporting.value = false;
    if (!result.ok) {
      error.value = shownError(result.error);
      return null;
    }
    return result.value.csv;
  }

  async function verify(): Promise<void> {
    checking.value = true;
    chain.value = null;
    const result = await staffCall('audit.verify', {});
    checking.value = false;
    if (!result.ok) {
      error.value = shownError(result.error);
      return;
    }
    chain.value = result.value;
  }

  function $reset() {
    filter.value = emptyFilter();
    entries.value = [];
    more.value = false;
    loading.value = false;
    error.value = null;
    chain.value = null;
    checking.value = false;
    exporting.value = false;
    applied = {};
  }

  return { filter, entries, more, loading, error, chain, checking, exporting, search, loadMore, exportCsv, verify, $reset };
});
