import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CallError, RoomDay } from '@shared/contract';
import type { Instant, LocalDate } from '@shared/domain/time';
import { nextBoundary } from '@shared/timetable/nowNext';
import { localDateOf } from '@shared/timetable/zonedTime';
import { api } from '../api';
import { type DoorSignView, doorSignView, sameView } from '../kiosk/doorSign';
import { useAppInfoStore } from './appInfo';
import { useClockStore } from './clock';
import { clockStepped, dayBounds, earliest, nextMidnight } from './clockSteps';
import { dataFollower, retrier, serialLoader } from './loaders';

/** A safety net besides the events: ask again this often even when nothing said the data changed. */
export const ROOM_DAY_REFRESH_MS = 5 * 60_000;

/**
 * A door sign's room: its lessons today and on its next school day, from `kiosk.roomDay`. Now, next and the rest
 * of the day are worked out on every tick from those, so the sign flips at the exact second without the network;
 * the day is asked again after midnight, after a sync, and every few minutes.
 */
export const useRoomDayStore = defineStore('roomDay', () => {
  const clock = useClockStore();
  const appInfo = useAppInfoStore();

  const room = ref<string | null>(null);
  const day = ref<RoomDay | null>(null);
  const error = ref<CallError | null>(null);
  /** The school-zone date the last answer was asked for. */
  const loadedDay = ref<LocalDate | null>(null);
  let askedForDay: LocalDate | null = null;
  let lastView: DoorSignView | null = null;

  const retry = retrier(() => void load());

  // Worked out again when a lesson of the day starts or ends, or at midnight: not on every tick.
  const view = clockStepped<DoorSignView | null>(() => clock.now, (now) => {
    const current = day.value;
    if (!current) return { value: null, until: null };
    const at = now ?? Date.now();
    const next = doorSignView(current, at, appInfo.zone);
    const lessons = [...current.lessons, ...current.nextDayLessons];
    const until = earliest(nextBoundary(lessons, at), nextMidnight(at, appInfo.zone));
    if (!sameView(lastView, next)) lastView = next;
    return { value: lastView, until };
  });
  /** The day asked for, as instants: compared on each tick instead of formatting a date. */
  const loadedSpan = computed(() => (loadedDay.value === null ? null : dayBounds(loadedDay.value, appInfo.zone)));
  const dataAsOf = computed(() => day.value?.dataAsOf ?? null);
  /** The room is not in the timetable: the sign says so rather than waiting forever. */
  const unknownRoom = computed(() => error.value?.code === 'NOT_FOUND');

  async function fetchOnce(): Promise<void> {
    const code = room.value;
    if (code === null) return;
    const at = clock.read() ?? undefined;
    const result = await api.call('kiosk.roomDay', at === undefined ? { room: code } : { room: code, at });
    if (code !== room.value) return; // the screen moved to another room meanwhile
    if (!result.ok) {
      error.value = result.error; // the last good day stays
      retry.failed();
      return;
    }
    day.value = result.value;
    error.value = null;
    loadedDay.value = at === undefined ? result.value.day : localDateOf(at, appInfo.zone);
    retry.succeeded();
  }

  const load = serialLoader(fetchOnce);
  const follower = dataFollower({ now: () => clock.now, load, onTick, refreshMs: ROOM_DAY_REFRESH_MS });

  /** A new school-zone day: ask once for it. */
  function onTick(now: Instant) {
    const span = loadedSpan.value;
    if (span === null || (now >= span.start && now < span.end)) return;
    const today = localDateOf(now, appInfo.zone);
    if (today !== loadedDay.value && askedForDay !== today) {
      askedForDay = today;
      void load();
    }
  }

  function start(code: string) {
    stop();
    if (code !== room.value) {
      day.value = null;
      error.value = null;
      loadedDay.value = null;
      lastView = null;
    }
    room.value = code;
    follower.start();
    return load();
  }

  function stop() {
    follower.stop();
    retry.cancel();
  }

  return { room, day, error, loadedDay, view, dataAsOf, unknownRoom, load, onTick, start, stop };
});
