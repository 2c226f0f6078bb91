import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AccountImportPlan, AccountImportResult } from '@shared/domain/accountImport';
import { csvFile } from '../csv';
import { downloadText } from '../download';
import { type ShownError, shownError, staffCall } from './staffCall';

/** The largest list the core takes (the contract's limit); a bigger file is refused here, before it is sent. */
const MAX_FILE_BYTES = 2_000_000;

/**
 * Importing a staff list: the file's text, what importing it would do (a preview, nothing written), the import, and
 * the new accounts' first passwords, kept in memory only until the administrator has downloaded them or leaves.
 */
export const useAccountImportStore = defineStore('staffAccountImport', () => {
  const fileName = ref<string | null>(null);
  const csv = ref<string | null>(null);
  const plan = ref<AccountImportPlan | null>(null);
  const result = ref<AccountImportResult | null>(null);
  const busy = ref(false);
  const error = ref<ShownError | null>(null);

  async function choose(file: File): Promise<void> {
    error.value = null;
    plan.value = null;
    result.value = null;
    fileName.value = file.name;
    if (file.size > MAX_FILE_BYTES) {
      csv.value = null;
      error.value = { key: 'accounts.import.tooLarge', detail: null };
      return;
    }
    csv.value = await file.text();
    busy.value = true;
    const answer = await staffCall('accounts.importPreview', { csv: csv.value });
    busy.value = false;
    if (!answer.ok) error.value = shownError(answer.error);
    else plan.value = answer.value;
  }

  /** Imports what the preview showed; the core checks it again as it writes. */
  async function apply(): Promise<boolean> {
    if (csv.value === null) return false;
    busy.value = true;
    error.value = null;
    const answer = await staffCall('accounts.import', { csv: csv.value });
    busy.value = false;
    if (!answer.ok) {
      error.value = shownError(answer.error);
      return false;
    }
    result.value = answer.value;
    plan.value = null;
    csv.value = null;
    return true;
  }

  /** The first passwords as a list to print and hand out (one per person); it exists only in this download. */
  function downloadFirstPasswords(header: [string, string, string]) {
    if (!result.value) return;
    const rows = result.value.firstPasswords.map((p) => [p.username, p.displayName, p.password]);
    downloadText('gangbord-eerste-wachtwoorden.csv', csvFile([header, ...rows]), 'text/csv;charset=utf-8');
  }

  function $reset() {
    fileName.value = null;
    csv.value = null;
    plan.value = null;
    result.value = null;
    busy.value = false;
    error.value = null;
  }

  return { fileName, plan, result, busy, error, choose, apply, downloadFirstPasswords, $reset };
});
