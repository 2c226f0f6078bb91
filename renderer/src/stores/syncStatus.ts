import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SyncStatus } from '@shared/contract';
import { api } from '../api';

/** How fresh the data is, for the "updated 08:05" note: asked once, then kept current by the core's events. */
export const useSyncStatusStore = defineStore('syncStatus', () => {
  const status = ref<SyncStatus | null>(null);
  let unsubscribe: (() => void) | null = null;

  const lastSuccessAt = computed(() => status.value?.lastSuccessAt ?? null);
  /** The last sync attempts failed: the screen shows older data than it would like to. */
  const failing = computed(() => (status.value?.consecutiveFailures ?? 0) > 0 && status.value?.lastError != null);

  async function load(): Promise<void> {
    const result = await api.call('sync.status', {});
    if (result.ok) status.value = result.value; // on failure the last known status stays
  }

  function start() {
    unsubscribe ??= api.on('sync.status', (payload) => {
      status.value = payload;
    });
    void load();
  }

  function stop() {
    unsubscribe?.();
    unsubscribe = null;
  }

  return { status, lastSuccessAt, failing, load, start, stop };
});
