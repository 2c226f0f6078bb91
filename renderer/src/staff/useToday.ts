import { storeToRefs } from 'pinia';
import { computed } from 'vue';
import { localDateOf } from '@shared/timetable/zonedTime';
import { useAppInfoStore } from '../stores/appInfo';
import { useClockStore } from '../stores/clock';

/** Today in the school's zone, by the core's clock (a host started with --now shows that day). */
export function useToday() {
  const { now } = storeToRefs(useClockStore());
  const { zone } = storeToRefs(useAppInfoStore());
  const today = computed(() => localDateOf(now.value ?? Date.now(), zone.value));
  return { today, zone };
}
