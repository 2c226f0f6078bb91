import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CallError, NowNextBoard } from '@shared/contract';
import type { RoomSelection } from '@shared/domain/display';
import type { Lesson } from '@shared/domain/lesson';
import type { Room } from '@shared/domain/school';
import type { Instant, LocalDate } from '@shared/domain/time';
import { nextBoundary, pickNowNext, takesPlaceIn } from '@shared/timetable/nowNext';
import { localDateOf } from '@shared/timetable/zonedTime';
import { api } from '../api';
import { roomCodesToAsk, selectsRoom } from '../kiosk/roomSelection';
import { compareRooms } from '../timetable/roomOrder';
import { useAppInfoStore } from './appInfo';
import { useClockStore } from './clock';
import { clockStepped, dayBounds, earliest } from './clockSteps';
import { dataFollower, retrier, RETRY_MS, serialLoader } from './loaders';

/** A safety net besides the events: ask again this often even when nothing said the data changed. */
export const BOARD_REFRESH_MS = 5 * 60_000;
/** Waits before asking again after a failed fetch; the last good board stays on screen meanwhile. */
export const BOARD_RETRY_MS = RETRY_MS;

export interface RoomNowNextView {
  room: Room;
  now: Lesson | null;
  next: Lesson | null;
}

/**
 * Now and next per room. The board comes from the core; between fetches each room is worked out again on every
 * tick from the lessons it holds, so a room flips at the second a lesson ends or starts, without the network.
 * Right after `changesAt` passes the board is fetched again to learn the lessons after those.
 */
export const useBoardStore = defineStore('board', () => {
  const clock = useClockStore();
  const appInfo = useAppInfoStore();

  const board = ref<NowNextBoard | null>(null);
  const error = ref<CallError | null>(null);
  const loading = ref(false);
  /** Which rooms this screen shows (its profile's, or the page address's `?rooms=`). */
  const selection = ref<RoomSelection>({ kind: 'all' });
  /** The rooms named in the call: a list goes to the core, a building or floor is filtered here. */
  const roomFilter = computed(() => roomCodesToAsk(selection.value));
  /** The school-zone date of the instant the board was last asked for. */
  const loadedDay = ref<LocalDate | null>(null);

  let refreshedFor: { changesAt: Instant | null; day: LocalDate | null } = { changesAt: null, day: null };
  const retry = retrier(() => void load(), BOARD_RETRY_MS);

  // The views of the last tick, reused while a room's now/next stays the same: the clock ticks every second, and
  // an unchanged object lets Vue skip re-rendering that room's card (a kiosk runs on modest hardware, 24/7).
  let lastViews = new Map<string, RoomNowNextView>();
  let lastList: RoomNowNextView[] = [];

  // Selected and in walking order once per board, not on every tick.
  const shownRooms = computed(() => {
    const current = board.value;
    if (!current) return [];
    return current.rooms.filter(({ room }) => selectsRoom(selection.value, room)).sort((a, b) => compareRooms(a.room, b.room));
  });

  // Worked out again only when some room's lesson starts or ends (or the board changes), not on every tick.
  const rooms = clockStepped<RoomNowNextView[]>(() => clock.now, (now) => {
    const current = board.value;
    if (!current) return { value: [], until: null };
    const at = now ?? current.at;
    const views = new Map<string, RoomNowNextView>();
    let changed = shownRooms.value.length !== lastViews.size;
    let until: Instant | null = null;
    for (const { room, now: lessonNow, next } of shownRooms.value) {
      const held = [lessonNow, next].filter((lesson): lesson is Lesson => lesson !== null);
      const picked = pickNowNext(held, at, takesPlaceIn(room.code));
      until = earliest(until, nextBoundary(held, at));
      const last = lastViews.get(room.code);
      const same = last !== undefined && last.room === room && last.now === picked.now && last.next === picked.next;
      changed ||= !same;
      views.set(room.code, same ? last : { room, ...picked });
    }
    // Nothing flipped: the same array, so the grid and the pager see no change.
    if (changed || lastList.length !== views.size) {
      lastViews = views;
      lastList = [...views.values()];
    }
    return { value: lastList, until };
  });
  const dataAsOf = computed(() => board.value?.dataAsOf ?? null);
  const periods = computed(() => board.value?.periods ?? []);

  async function fetchOnce(): Promise<void> {
    const at = clock.read() ?? undefined;
    const input = roomFilter.value ? { at, rooms: roomFilter.value } : { at };
    loading.value = true;
    const result = await api.call('kiosk.nowNext', input);
    loading.value = false;
    if (!result.ok) {
      error.value = result.error; // the last good board stays
      retry.failed();
      return;
    }
    board.value = result.value;
    error.value = null;
    loadedDay.value = at === undefined ? result.value.day : localDateOf(at, appInfo.zone);
    retry.succeeded();
  }

  const load = serialLoader(fetchOnce);
  const follower = dataFollower({ now: () => clock.now, load, onTick, refreshMs: BOARD_REFRESH_MS });

  /** The day the board was asked for, as instants: numbers to compare on each tick, not dates to format. */
  const loadedSpan = computed(() => (loadedDay.value === null ? null : dayBounds(loadedDay.value, appInfo.zone)));

  /** On each tick: once past `changesAt`, or on a new school-zone day, ask again (once per occasion). */
  function onTick(now: Instant) {
    const current = board.value;
    if (!current) return;
    const changesAt = current.changesAt;
    if (changesAt !== null && now >= changesAt && refreshedFor.changesAt !== changesAt) {
      refreshedFor = { ...refreshedFor, changesAt };
      void load();
      return;
    }
    const span = loadedSpan.value;
    if (span === null || (now >= span.start && now < span.end)) return;
    const today = localDateOf(now, appInfo.zone);
    if (today !== loadedDay.value && refreshedFor.day !== today) {
      refreshedFor = { ...refreshedFor, day: today };
      void load();
    }
  }

  function start(options: { selection?: RoomSelection } = {}) {
    stop();
    selection.value = options.selection ?? { kind: 'all' };
    follower.start();
    return load();
  }

  function stop() {
    follower.stop();
    retry.cancel();
  }

  return { board, error, loading, selection, roomFilter, loadedDay, rooms, dataAsOf, periods, load, onTick, start, stop };
});
