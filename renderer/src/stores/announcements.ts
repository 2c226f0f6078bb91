import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Announcement } from '@shared/domain/announcement';
import type { Instant } from '@shared/domain/time';
import { api } from '../api';
import { useClockStore } from './clock';
import { clockStepped, earliest } from './clockSteps';
import { dataFollower, retrier, serialLoader } from './loaders';

/** A safety net besides `changesAt` and the events: ask again this often even when nothing said so. */
export const ANNOUNCEMENTS_REFRESH_MS = 5 * 60_000;

const order = (a: Announcement, b: Announcement) =>
  Number(b.emergency) - Number(a.emergency) || b.priority - a.priority || a.start - b.start;

/**
 * What the screen announces now, emergencies first, then by priority. The core says when the picture changes next
 * (`changesAt`: one starts or ends); the store asks again at that second. Bodies are sanitised where they are
 * rendered, not here.
 */
export const useAnnouncementsStore = defineStore('announcements', () => {
  const clock = useClockStore();
  const items = ref<Announcement[]>([]);
  const changesAt = ref<Instant | null>(null);
  const displayGroup = ref<string | null>(null);
  let askedAt: Instant | null = null;
  const retry = retrier(() => void load());
  let lastShowing: Announcement[] = [];

  /**
   * Filtered on the ticking clock too, so one that ends goes at its second, even before the next answer; worked
   * out again only when one starts or ends.
   */
  const showing = clockStepped(() => clock.now, (now) => {
    const list = items.value.filter((item) => now === null || (item.start <= now && now < item.end)).sort(order);
    let until: Instant | null = null;
    if (now !== null) for (const item of items.value) for (const t of [item.start, item.end]) if (t > now) until = earliest(until, t);
    // The same array while nothing starts or ends: the band and the emergency cover see no change.
    if (list.length !== lastShowing.length || list.some((item, i) => item !== lastShowing[i])) lastShowing = list;
    return { value: lastShowing, until };
  });
  const emergency = computed(() => showing.value.find((item) => item.emergency) ?? null);
  const ordinary = computed(() => showing.value.filter((item) => !item.emergency));

  async function fetchOnce(): Promise<void> {
    const at = clock.read() ?? undefined;
    const input = displayGroup.value ? { at, displayGroup: displayGroup.value } : { at };
    const result = await api.call('announcements.current', input);
    if (!result.ok) {
      retry.failed(); // the band keeps what it shows
      return;
    }
    items.value = result.value.announcements;
    changesAt.value = result.value.changesAt;
    retry.succeeded();
  }

  const load = serialLoader(fetchOnce);
  const follower = dataFollower({ now: () => clock.now, load, onTick, refreshMs: ANNOUNCEMENTS_REFRESH_MS });

  /** Once the core's `changesAt` has come, ask what starts then (an emergency must reach the screen in seconds). */
  function onTick(now: Instant) {
    const due = changesAt.value;
    if (due !== null && now >= due && askedAt !== due) {
      askedAt = due;
      void load();
    }
  }

  function start(options: { displayGroup?: string | null } = {}) {
    stop();
    displayGroup.value = options.displayGroup ?? null;
    follower.start();
    return load();
  }

  function stop() {
    follower.stop();
    retry.cancel();
  }

  return { items, changesAt, displayGroup, showing, emergency, ordinary, load, onTick, start, stop };
});
