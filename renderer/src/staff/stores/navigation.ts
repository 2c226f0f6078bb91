import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SearchHit } from '@shared/domain/staff';

export type StaffView = 'lookup' | 'freeRooms' | 'account' | 'accounts' | 'sources' | 'screens' | 'audit' | 'photos' | 'privacy';
export const ADMIN_VIEWS: readonly StaffView[] = ['accounts', 'sources', 'screens', 'audit', 'photos', 'privacy'];

/** Which part of the staff page is open, and what is opened in the look-up (a hit carries a name: reset on lock). */
export const useNavigationStore = defineStore('staffNavigation', () => {
  const view = ref<StaffView>('lookup');
  const selected = ref<SearchHit | null>(null);

  /** Leaving the look-up closes what was open in it: coming back must not reopen a pupil's card (an audited read) unasked. */
  function go(next: StaffView) {
    if (next !== 'lookup') selected.value = null;
    view.value = next;
  }

  function select(hit: SearchHit | null) {
    selected.value = hit ? { ...hit } : null;
    view.value = 'lookup';
  }

  function $reset() {
    view.value = 'lookup';
    selected.value = null;
  }

  return { view, selected, go, select, $reset };
});
