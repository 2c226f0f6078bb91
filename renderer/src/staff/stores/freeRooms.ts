import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Period, Room } from '@shared/domain/school';
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
  const result = ref<Room[] | null>(null);
  const loading = ref(false);
  const error = ref<ShownError | null>(null);

  const buildings = computed(() => [...new Set(rooms.value.map((r) => r.building).filter((b) => b !== ''))].sort());

  /** Buildings and the bell schedule, for the choices; the day starts at today. */
  async function prepare(today: LocalDate): Promise<void> {
    day.value ??= today;
    if (rooms.value.length > 0) return;
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
    if (roomDay.ok) {
      periods.value = roomDay.value.periods;
      period.value ??= roomDay.value.periods[0]?.number ?? null;
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
    });
    loading.value = false;
    if (!answer.ok) {
      error.value = shownError(answer.error);
      result.value = null;
      return;
    }
    result.value = answer.value.rooms;
  }

  function $reset() {
    day.value = null;
    period.value = null;
    building.value = '';
    minCapacity.value = null;
    result.value = null;
    loading.value = false;
    error.value = null;
  }

  return { day, period, building, minCapacity, rooms, periods, result, loading, error, buildings, prepare, find, $reset };
});
