import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { PhotoImportReport } from '@shared/domain/staff';
import { api } from '../../api';
import { type ShownError, shownError, staffCall } from './staffCall';

export const DEFAULT_PATTERN = '^(\\d+)\\.(?:jpe?g|png)$';

/** An administrator's photo import: where from, how names map to pupils, progress while it runs, and the report. */
export const usePhotoImportStore = defineStore('staffPhotoImport', () => {
  const kind = ref<'folder' | 'zip'>('folder');
  const path = ref('');
  const pattern = ref(DEFAULT_PATTERN);
  const running = ref(false);
  const done = ref(0);
  const total = ref(0);
  const report = ref<PhotoImportReport | null>(null);
  const error = ref<ShownError | null>(null);

  const fraction = computed(() => (total.value > 0 ? done.value / total.value : 0));

  async function start(): Promise<void> {
    if (running.value || path.value.trim() === '') return;
    running.value = true;
    done.value = 0;
    total.value = 0;
    report.value = null;
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

  function $reset() {
    kind.value = 'folder';
    path.value = '';
    pattern.value = DEFAULT_PATTERN;
    running.value = false;
    done.value = 0;
    total.value = 0;
    report.value = null;
    error.value = null;
  }

  return { kind, path, pattern, running, done, total, fraction, report, error, start, $reset };
});
