import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Announcement } from '../../../shared/domain/announcement';
import { api } from '../api';
import { useClockStore } from './clock';

/** Announcements start and end on the minute; asking this often keeps the band current between data changes. */
export const ANNOUNCEMENTS_REFRESH_MS = 60_000;

/** What the screen announces now, highest priority first. Bodies are sanitised where they are rendered, not here. */
export const useAnnouncementsStore = defineStore('announcements', () => {
  const clock = useClockStore();
  const items = ref<Announcement[]>([]);
  const displayGroup = ref<string | null>(null);
  let refreshTimer: ReturnType<typeof setInterval> | null = null;
  let unsubscribe: (() => void) | null = null;

  /** Filtered on the ticking clock too, so one that ends disappears on time, not at the next fetch. */
  const showing = computed(() => {
    const now = clock.now;
    return items.value
      .filter((item) => now === null || (item.start <= now && now < item.end))
      .sort((a, b) => Number(b.emergency) - Number(a.emergency) || b.priority - a.priority || a.start - b.start);
  });
  const emergency = computed(() => showing.value.find((item) => item.emergency) ?? null);

  async function load(): Promise<void> {
    const at = clock.read() ?? undefined;
    const input = displayGroup.value ? { at, displayGroup: displayGroup.value } : { at };
    const result = await api.call('announcements.current', input);
    if (result.ok) items.value = result.value; // on failure the band keeps what it shows
  }

  function start(options: { displayGroup?: string | null } = {}) {
    stop();
    displayGroup.value = options.displayGroup ?? null;
    unsubscribe = api.on('data.changed', () => void load());
    refreshTimer = setInterval(() => void load(), ANNOUNCEMENTS_REFRESH_MS);
    return load();
  }

  function stop() {
    unsubscribe?.();
    if (refreshTimer) clearInterval(refreshTimer);
    unsubscribe = refreshTimer = null;
  }

  return { items, displayGroup, showing, emergency, load, start, stop };
});
