import { onBeforeUnmount, onMounted, watch } from 'vue';
import type { DisplayProfile } from '@shared/domain/display';
import { useAnnouncementsStore } from '../stores/announcements';
import { useAppInfoStore } from '../stores/appInfo';
import { useBoardStore } from '../stores/board';
import { useChangesStore } from '../stores/changes';
import { useClockStore } from '../stores/clock';
import { useDisplayStore } from '../stores/display';
import { useFleetScreenStore } from '../stores/fleetScreen';
import { useRoomDayStore } from '../stores/roomDay';
import { useSyncStatusStore } from '../stores/syncStatus';
import { doorRoomOf, withRoomsOverride } from './roomSelection';

export interface KioskSessionOptions {
  /** `?rooms=` from the page address: these rooms over the profile's, or null. */
  rooms: string[] | null;
}

/**
 * Starts the kiosk's stores with the component that shows them, and stops every timer and listener with it.
 * Only the active layout's data store runs; a new profile (admin overlay, provisioning file) restarts what it
 * changes, without a page reload.
 */
export function useKioskSession(options: KioskSessionOptions) {
  const appInfo = useAppInfoStore();
  const clock = useClockStore();
  const display = useDisplayStore();
  const board = useBoardStore();
  const roomDay = useRoomDayStore();
  const changes = useChangesStore();
  const syncStatus = useSyncStatusStore();
  const announcements = useAnnouncementsStore();
  const fleet = useFleetScreenStore();
  let stopped = false;
  let stopWatch: (() => void) | null = null;
  /** What runs now, to restart only what a new profile changes; null: not started. */
  const running: { layout: string | null; announcements: string | null } = { layout: null, announcements: null };

  /** What each part needs from the profile: a part restarts only when its piece of the profile changed. */
  function apply(profile: DisplayProfile) {
    const selection = withRoomsOverride(profile.rooms, options.rooms);
    const layoutKey = JSON.stringify([profile.layout, selection, profile.changesNextDayFrom]);
    if (layoutKey !== running.layout) {
      running.layout = layoutKey;
      board.stop();
      roomDay.stop();
      changes.stop();
      if (profile.layout === 'corridor') void board.start({ selection });
      if (profile.layout === 'door') {
        const room = doorRoomOf(selection);
        if (room !== null) void roomDay.start(room);
      }
      if (profile.layout === 'changes') void changes.start({ nextDayFrom: profile.changesNextDayFrom });
    }
    const announcementsKey = profile.displayGroup ?? '';
    if (announcementsKey !== running.announcements) {
      running.announcements = announcementsKey;
      void announcements.start({ displayGroup: profile.displayGroup });
    }
  }

  onMounted(async () => {
    // Everything else is reckoned in the school's zone on the core's clock: those come first.
    const info = await appInfo.loadUntilReady();
    if (stopped) return;
    appInfo.follow();
    clock.adopt(info.clock);
    clock.start();
    void clock.sync();
    syncStatus.start();
    fleet.start();
    await display.loadUntilReady();
    if (stopped) return;
    display.follow();
    stopWatch = watch(() => display.profile, (profile) => profile && apply(profile), { immediate: true });
  });

  onBeforeUnmount(() => {
    stopped = true;
    stopWatch?.();
    appInfo.stop();
    clock.stop();
    display.stop();
    board.stop();
    roomDay.stop();
    changes.stop();
    syncStatus.stop();
    announcements.stop();
    fleet.stop();
  });
}
