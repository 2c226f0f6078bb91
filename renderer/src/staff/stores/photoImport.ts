import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { PHOTO_NAMING, type PhotoNaming } from '@shared/domain/photoNaming';
import type { PhotoImportPreview, PhotoImportReport } from '@shared/domain/staff';
import { api } from '../../api';
import { csvFile } from '../csv';
import { downloadText } from '../download';
import { type ShownError, shownError, staffCall } from './staffCall';

export const DEFAULT_PATTERN = PHOTO_NAMING.number;

/**
 * An administrator's photo import: where from (typed, or the desktop app's dialog), how names map to pupils (a
 * preset, or a pattern of their own), a preview from the names alone, progress while it runs, and the report.
 */
export const usePhotoImportStore = defineStore('staffPhotoImport', () => {
  const kind = ref<'folder' | 'zip'>('folder');
  const path = ref('');
  const naming = ref<PhotoNaming | 'custom'>('number');
  const customPattern = ref(DEFAULT_PATTERN);
  const running = ref(false);
  const previewing = ref(false);
  const done = ref(0);
  const total = ref(0);
  const preview = ref<PhotoImportPreview | null>(null);
  const report = ref<PhotoImportReport | null>(null);
  const error = ref<ShownError | null>(null);

  const pattern = computed(() => (naming.value === 'custom' ? customPattern.value : PHOTO_NAMING[naming.value]));
  const fraction = computed(() => (total.value > 0 ? done.value / total.value : 0));
  /** Only the desktop app has a file dialog; on the web host the path is typed. */
  const canChoose = computed(() => window.gangbord !== undefined);

  async function choose(): Promise<void> {
    const result = await staffCall('host.choosePath', { kind: kind.value });
    if (!result.ok) error.value = shownError(result.error);
    else if (result.value.path) {
      path.value = result.value.path;
      preview.value = null;
    }
  }

  async function showPreview(): Promise<void> {
    if (previewing.value || path.value.trim() === '') return;
    previewing.value = true;
    error.value = null;
    report.value = null;
    const result = await staffCall('photos.preview', { kind: kind.value, path: path.value.trim(), pattern: pattern.value });
    previewing.value = false;
    if (!result.ok) error.value = shownError(result.error);
    else preview.value = result.value;
  }

  async function start(): Promise<void> {
    if (running.value || path.value.trim() === '') return;
    running.value = true;
    done.value = 0;
    total.value = 0;
    report.value = null;
    preview.value = null;
    error.value = null;
    // Progress events carry counts only; listening just while the import runs.
    const stop = api.on('photos.progress', (p) => {
      done.value = p.done;
      total.value = p.total;
    });
    try {
      const result = await staffCall('photos.import', { kind: kind.value, path: path.value.trim(), pattern: pattern.value });
      if (!result.ok) {
        error.value = shownError(result.error);
        return;
      }
      report.value = result.value;
      done.value = total.value = result.value.files;
    } finally {
      stop();
      running.value = false;
    }
  }

  /** The report as a spreadsheet: every file that was not stored, with the reason in the page's words. */
  function downloadReport(words: { header: [string, string, string]; unmatched: string; reason: (code: string) => string }) {
    if (!report.value) return;
    const rows = [
      ...report.value.unmatched.map((f) => [f, words.unmatched, '']),
      ...report.value.rejected.map((r) => [r.file, words.reason(r.code), r.reason]),
    ];
    downloadText('gangbord-fotoimport.csv', csvFile([words.header, ...rows]), 'text/csv;charset=utf-8');
  }

  function $reset() {
    kind.value = 'folder';
    path.value = '';
    naming.value = 'number';
    customPattern.value = DEFAULT_PATTERN;
    running.value = false;
    previewing.value = false;
    done.value = 0;
    total.value = 0;
    preview.value = null;
    report.value = null;
    error.value = null;
  }

  return {
    kind, path, naming, customPattern, pattern, running, previewing, done, total, fraction, preview, report, error, canChoose,
    choose, showPreview, start, downloadReport, $reset,
  };
});
