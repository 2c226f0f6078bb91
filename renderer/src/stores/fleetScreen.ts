import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { FleetScreenInfo } from '@shared/contract';
import { api } from '../api';
import { type FleetCommandName, IDENTIFY_SECONDS } from '@shared/fleet/commands';

/**
 * This screen in its school's fleet (docs/fleet.md): null outside a fleet. Asked at the start and again when the
 * core says the data changed (the roster approving the screen is such a change).
 */
export const useFleetScreenStore = defineStore('fleetScreen', () => {
  const info = ref<FleetScreenInfo | null>(null);
  /** The Screens page asked this screen to say which it is: its name shows large for IDENTIFY_SECONDS. */
  const identifying = ref(false);
  let unsubscribe: (() => void) | null = null;
  let unsubscribeCommands: (() => void) | null = null;
  let identifyTimer: ReturnType<typeof setTimeout> | null = null;

  function onCommand(action: FleetCommandName) {
    if (action === 'reload') return window.location.reload();
    if (action !== 'identify') return; // a thumbnail is the desktop app's to take
    identifying.value = true;
    if (identifyTimer) clearTimeout(identifyTimer);
    identifyTimer = setTimeout(() => (identifying.value = false), IDENTIFY_SECONDS * 1000);
  }

  async function load(): Promise<void> {
    const result = await api.call('fleet.screen', {});
    if (result.ok) info.value = result.value; // on failure what was known stays
  }

  function start() {
    unsubscribe ??= api.on('data.changed', () => void load());
    unsubscribeCommands ??= api.on('fleet.command', (event) => onCommand(event.action));
    void load();
  }

  function stop() {
    unsubscribe?.();
    unsubscribeCommands?.();
    unsubscribe = unsubscribeCommands = null;
    if (identifyTimer) clearTimeout(identifyTimer);
    identifying.value = false;
  }

  return { info, identifying, load, start, stop };
});
