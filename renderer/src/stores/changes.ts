import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CallError, ChangesBoard } from '@shared/contract';
import type { Instant, LocalDate, LocalTime } from '@shared/domain/time';
import { instantAt, localDateOf, localTimeOf } from '@shared/timetable/zonedTime';
import { api } from '../api';
import { useAppInfoStore } from './appInfo';
import { useClockStore } from './clock';
import { dayBounds } from './clockSteps';
import { dataFollower, retrier, serialLoader } from './loaders';

export const CHANGES_REFRESH_MS = 5 * 60_000;

/**
 * The changes board's data: today's changed lessons per group and, from the profile's hour on, the next school
 * day's. Asked again after a sync, at that hour, after midnight and every few minutes.
 */
export const useChangesStore = defineStore('changes', () => {
  const clock = useClockStore();
  const appInfo = useAppInfoStore();

  const board = ref<ChangesBoard | null>(null);
  const error = ref<CallError | null>(null);
  /** From this school-zone time of day the next school day's changes are shown too. */
  const nextDayFrom = ref<LocalTime>('13:00');
  /** What the last answer was asked for: which day, and whether with the next. */
  const loadedFor = ref<{ day: LocalDate; withNextDay: boolean } | null>(null);
  const retry = retrier(() => void load());

  const dataAsOf = computed(() => board.value?.dataAsOf ?? null);

  const wantsNextDay = (at: Instant) => localTimeOf(at, appInfo.zone) >= nextDayFrom.value;

  async function fetchOnce(): Promise<void> {
    const at = clock.read() ?? undefined;
    const withNextDay = at !== undefined && wantsNextDay(at);
    const result = await api.call('kiosk.changes', at === undefined ? { includeNextDay: false } : { at, includeNextDay: withNextDay });
    if (!result.ok) {
      error.value = result.error; // the last good board stays
      retry.failed();
      return;
    }
    board.value = result.value;
    error.value = null;
    loadedFor.value = { day: result.value.days[0]?.day ?? (at === undefined ? '' : localDateOf(at, appInfo.zone)), withNextDay };
    retry.succeeded();
  }

  const load = serialLoader(fetchOnce);
  const follower = dataFollower({ now: () => clock.now, load, onTick, refreshMs: CHANGES_REFRESH_MS });

  /** When what the board was asked for stops being right: the next-day hour, or the end of the day. */
  const loadedUntil = computed(() => {
    const loaded = loadedFor.value;
    if (!loaded || loaded.day === '') return null;
    const { start, end } = dayBounds(loaded.day, appInfo.zone);
    return { start, end: loaded.withNextDay ? end : Math.min(end, instantAt(loaded.day, nextDayFrom.value, appInfo.zone)) };
  });

  /** Ask again once the day or the next-day hour differs from what the board was asked for. */
  function onTick(now: Instant) {
    const loaded = loadedFor.value;
    if (!loaded) return;
    const span = loadedUntil.value;
    if (span !== null && now >= span.start && now < span.end) return;
    const day = localDateOf(now, appInfo.zone);
    if (day !== loaded.day || wantsNextDay(now) !== loaded.withNextDay) {
      loadedFor.value = { day, withNextDay: wantsNextDay(now) }; // once per occasion, also when the fetch fails
      void load();
    }
  }

  function start(options: { nextDayFrom?: LocalTime } = {}) {
    stop();
    nextDayFrom.value = options.nextDayFrom ?? '13:00';
    follower.start();
    return load();
  }

  function stop() {
    follower.stop();
    retry.cancel();
  }

  return { board, error, nextDayFrom, loadedFor, dataAsOf, load, onTick, start, stop };
});
