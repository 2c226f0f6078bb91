import { onBeforeUnmount, onMounted } from 'vue';
import { useAnnouncementsStore } from '../stores/announcements';
import { useAppInfoStore } from '../stores/appInfo';
import { useBoardStore } from '../stores/board';
import { useClockStore } from '../stores/clock';
import { useSyncStatusStore } from '../stores/syncStatus';

export interface KioskSessionOptions {
  /** Only these rooms (a door sign), or null for every room. */
  rooms: string[] | null;
}

/** Starts the kiosk's stores with the component that shows them, and stops every timer and listener with it. */
export function useKioskSession(options: KioskSessionOptions) {
  const appInfo = useAppInfoStore();
  const clock = useClockStore();
  const board = useBoardStore();
  const syncStatus = useSyncStatusStore();
  const announcements = useAnnouncementsStore();
  let stopped = false;

  onMounted(async () => {
    // Everything else is reckoned in the school's zone on the core's clock: those come first.
    const info = await appInfo.loadUntilReady();
    if (stopped) return;
    appInfo.follow();
    clock.adopt(info.clock);
    clock.start();
    void clock.sync();
    void board.start({ rooms: options.rooms });
    syncStatus.start();
    void announcements.start();
  });

  onBeforeUnmount(() => {
    stopped = true;
    appInfo.stop();
    clock.stop();
    board.stop();
    syncStatus.stop();
    announcements.stop();
  });
}
