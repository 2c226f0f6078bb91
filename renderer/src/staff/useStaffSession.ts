import { onBeforeUnmount, onMounted } from 'vue';
import { useAppInfoStore } from '../stores/appInfo';
import { useClockStore } from '../stores/clock';

/** The staff page's stores for now: who and where we are, and the clock. */
export function useStaffSession() {
  const appInfo = useAppInfoStore();
  const clock = useClockStore();
  let stopped = false;

  onMounted(async () => {
    const info = await appInfo.loadUntilReady();
    if (stopped) return;
    appInfo.follow();
    clock.adopt(info.clock);
    clock.start();
    void clock.sync();
  });

  onBeforeUnmount(() => {
    stopped = true;
    appInfo.stop();
    clock.stop();
  });
}
