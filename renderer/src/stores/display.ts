import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CallError, DisplaySetup } from '@shared/contract';
import { api } from '../api';

/** Waits between attempts while the first `display.current` fails: the screen must come up by itself. */
export const DISPLAY_RETRY_MS = [2_000, 5_000, 10_000, 30_000] as const;

export type ChooseOutcome = { ok: true } | { ok: false; error: CallError };

/**
 * How this screen is set up: its display profile (layout, rooms, theme, hours ...), the profiles an administrator
 * may switch to, and the holidays its hours skip. Follows `display.changed`, so a switch shows without a reload.
 */
export const useDisplayStore = defineStore('display', () => {
  const setup = ref<DisplaySetup | null>(null);
  const error = ref<CallError | null>(null);
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let unsubscribe: (() => void) | null = null;

  const profile = computed(() => setup.value?.profile ?? null);
  const profiles = computed(() => setup.value?.profiles ?? []);
  const holidays = computed(() => setup.value?.holidays ?? []);
  const pinConfigured = computed(() => setup.value?.pinConfigured ?? false);

  async function load(): Promise<boolean> {
    const result = await api.call('display.current', {});
    if (!result.ok) {
      error.value = result.error; // the screen keeps the profile it runs
      return false;
    }
    setup.value = result.value;
    error.value = null;
    return true;
  }

  /** Ask until the core answers; resolves with the setup. */
  function loadUntilReady(): Promise<DisplaySetup> {
    return new Promise((resolve) => {
      let attempt = 0;
      const tryOnce = async () => {
        retryTimer = null;
        if (await load()) return resolve(setup.value as DisplaySetup);
        const wait = DISPLAY_RETRY_MS[Math.min(attempt, DISPLAY_RETRY_MS.length - 1)];
        attempt += 1;
        retryTimer = setTimeout(() => void tryOnce(), wait);
      };
      void tryOnce();
    });
  }

  /** The profile may change under the page (admin overlay elsewhere, a new provisioning file): ask again then. */
  function follow() {
    unsubscribe ??= api.on('display.changed', () => void load());
  }

  /** Switch this screen to another profile with the display PIN; the error's code says why not. */
  async function choose(profileId: string, pin: string): Promise<ChooseOutcome> {
    const result = await api.call('display.choose', { profileId, pin });
    if (!result.ok) return { ok: false, error: result.error };
    // Show the new profile at once; the core's display.changed event brings the rest (the list may have changed).
    if (setup.value) setup.value = { ...setup.value, profile: result.value };
    void load();
    return { ok: true };
  }

  function stop() {
    if (retryTimer) clearTimeout(retryTimer);
    unsubscribe?.();
    retryTimer = unsubscribe = null;
  }

  return { setup, error, profile, profiles, holidays, pinConfigured, load, loadUntilReady, follow, choose, stop };
});
