import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { FreeRooms } from '@shared/domain';
import type { Period, Room } from '@shared/domain/school';
import { instantAt } from '@shared/timetable/zonedTime';
import type { LocalDate } from '@shared/domain/time';
import { api } from '../../api';
import { type ShownError, shownError, staffCall } from './staffCall';

/** Which rooms are free in a period of a day, by building and size. Rooms and periods are not personal data. */
export const useFreeRoomsStore = defineStore('staffFreeRooms', () => {
  const day = ref<LocalDate | null>(null);
  const period = ref<number | null>(null);
  const building = ref('');
  const minCapacity = ref<number | null>(null);
  const rooms = ref<Room[]>([]);
  const periods = ref<Period[]>([]);
  const result = ref<FreeRooms['rooms'] | null>(null);
  /** Gyms, the aula and offices too. */
  const withOtherRooms = ref(false);
  /** The day and period shown are the ones under way now (the page says "now"). */
  const isNow = ref(false);
  /** The core's clock and the school's zone, to tell whether the period found is the one under way. */
  let clock: { now: () => number; zone: string } | null = null;
  const loading = ref(false);
  const error = ref<ShownError | null>(null);

  const buildings = computed(() => [...new Set(rooms.value.map((r) => r.building).filter((b) => b !== ''))].sort());

  /** The period under way at `now`, else the next one (a break, before school); after the last, the last. */
  function currentPeriod(list: readonly Period[], today: LocalDate, now: number, zone: string): Period | null {
    return list.find((p) => instantAt(today, p.end, zone) > now) ?? list.at(-1) ?? null;
  }

  /**
   * Buildings and the bell schedule, for the choices; then the rooms free now: today, the period under way (or the
   * next one), found at once.
   */
  async function prepare(today: LocalDate, now: () => number, zone: string): Promise<void> {
    clock = { now, zone };
    if (rooms.value.length === 0) {
      const list = await api.call('rooms.list', {});
      if (!list.ok) {
        error.value = shownError(list.error);
        return;
      }
      rooms.value = list.value;
      const first = list.value[0];
      if (!first) return;
      // The bell schedule travels with a room's day; any room will do.
      const roomDay = await api.call('kiosk.roomDay', { room: first.code });
      if (roomDay.ok) periods.value = roomDay.value.periods;
    }
    if (day.value === null || period.value === null) {
      day.value = today;
      period.value = currentPeriod(periods.value, today, now(), zone)?.number ?? null;
      await find();
    }
  }

  async function find(): Promise<void> {
    if (!day.value || period.value === null) return;
    loading.value = true;
    error.value = null;
    const answer = await staffCall('rooms.free', {
      day: day.value,
      period: period.value,
      ...(building.value ? { building: building.value } : {}),
      ...(minCapacity.value ? { minCapacity: minCapacity.value } : {}),
      withOtherRooms: withOtherRooms.value,
    });
    loading.value = false;
    if (!answer.ok) {
      error.value = shownError(answer.error);
      result.value = null;
      return;
    }
    result.value = answer.value.rooms;
    const chosen = periods.value.find((p) => p.number === answer.value.period);
    const at = clock?.now();
    isNow.value = clock !== null && at !== undefined && chosen !== undefined
      && instantAt(answer.value.day, chosen.start, clock.zone) <= at && at < instantAt(answer.value.day, chosen.end, clock.zone);
  }

  function $reset() {
    day.value = null;
    period.value = null;
    building.value = '';
    minCapacity.value = null;
    withOtherRooms.value = false;
    isNow.value = false;
    clock = null;
    result.value = null;
    loading.value = false;
    error.value = null;
  }

  return { day, period, building, minCapacity, withOtherRooms, isNow, rooms, periods, result, loading, error, buildings, prepare, find, $reset };
});
