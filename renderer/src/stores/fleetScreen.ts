import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { FleetScreenInfo } from '../../../shared/contract';
import { api } from '../api';

/**
 * This screen in its school's fleet (docs/fleet.md): null outside a fleet. Asked at the start and again when the
 * core says the data changed (the roster approving the screen is such a change).
 */
export const useFleetScreenStore = defineStore('fleetScreen', () => {
  const info = ref<FleetScreenInfo | null>(null);
  let unsubscribe: (() => void) | null = null;

  async function load(): Promise<void> {
    const result = await api.call('fleet.screen', {});
    if (result.ok) info.value = result.value; // on failure what was known stays
  }

  function start() {
    unsubscribe ??= api.on('data.changed', () => void load());
    void load();
  }

  function stop() {
    unsubscribe?.();
    unsubscribe = null;
  }

  return { info, load, start, stop };
});
