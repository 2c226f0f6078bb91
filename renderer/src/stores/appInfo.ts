import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppInfo, CallError } from '@shared/contract';
import type { Locale } from '../i18n';
import { api } from '../api';

export const DEFAULT_ZONE = 'Europe/Amsterdam';

/** Waits between attempts while the first `app.info` fails: the page must come up by itself, never stay blank. */
export const APP_INFO_RETRY_MS = [2_000, 5_000, 10_000, 30_000] as const;

/** Who and where this page is: mode, version, school, language. The first thing every page asks. */
export const useAppInfoStore = defineStore('appInfo', () => {
  const info = ref<AppInfo | null>(null);
  const error = ref<CallError | null>(null);
  /** A language chosen for this page (`?lang=en`), over the one the core configured. */
  const localeOverride = ref<Locale | null>(null);
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let unsubscribe: (() => void) | null = null;

  const school = computed(() => info.value?.school ?? null);
  const zone = computed(() => info.value?.school.zone ?? DEFAULT_ZONE);
  const locale = computed<Locale>(() => localeOverride.value ?? info.value?.locale ?? 'nl');

  async function load(): Promise<boolean> {
    const result = await api.call('app.info', {});
    if (!result.ok) {
      error.value = result.error;
      return false;
    }
    info.value = result.value;
    error.value = null;
    return true;
  }

  /** Ask until the core answers; resolves with the info. */
  function loadUntilReady(): Promise<AppInfo> {
    return new Promise((resolve) => {
      let attempt = 0;
      const tryOnce = async () => {
        retryTimer = null;
        if (await load()) return resolve(info.value as AppInfo);
        const wait = APP_INFO_RETRY_MS[Math.min(attempt, APP_INFO_RETRY_MS.length - 1)];
        attempt += 1;
        retryTimer = setTimeout(() => void tryOnce(), wait);
      };
      void tryOnce();
    });
  }

  function setLocaleOverride(value: Locale | null) {
    localeOverride.value = value;
  }

  /** A sync can bring the school's name (a fresh install asks before its first sync is done): ask again after each. */
  function follow() {
    unsubscribe ??= api.on('data.changed', () => void load());
  }

  function stop() {
    if (retryTimer) clearTimeout(retryTimer);
    unsubscribe?.();
    retryTimer = unsubscribe = null;
  }

  return { info, error, localeOverride, school, zone, locale, load, loadUntilReady, follow, setLocaleOverride, stop };
});
