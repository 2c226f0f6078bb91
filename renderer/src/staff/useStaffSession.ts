import { storeToRefs } from 'pinia';
import { onBeforeUnmount, onMounted } from 'vue';
import { useAppInfoStore } from '../stores/appInfo';
import { useClockStore } from '../stores/clock';
import { type LockReason, useAuthStore } from './stores/auth';
import { resetStaffStores } from './stores/resetStaffStores';
import { onSessionLost } from './stores/staffCall';
import { useIdleLock } from './useIdleLock';

/**
 * The staff page's life: who and where we are, the clock, who is signed in, and the lock. Locking (idle, sign-out,
 * or the core ending the session) forgets everything personal at once: stores reset, photo URLs revoked.
 */
export function useStaffSession() {
  const appInfo = useAppInfoStore();
  const clock = useClockStore();
  const auth = useAuthStore();
  const { signedIn, idleLockMinutes } = storeToRefs(auth);
  let stopped = false;
  const stops: (() => void)[] = [];

  async function lock(reason: Exclude<LockReason, null>) {
    resetStaffStores();
    await auth.signOut(reason);
  }

  useIdleLock({ minutes: idleLockMinutes, active: signedIn, onIdle: () => void lock('idle') });

  onMounted(async () => {
    stops.push(onSessionLost(() => {
      if (!auth.signedIn) return;
      resetStaffStores();
      auth.forget('expired');
    }));
    const info = await appInfo.loadUntilReady();
    if (stopped) return;
    appInfo.follow();
    clock.adopt(info.clock);
    clock.start();
    void clock.sync();
    // New data from a sync does not re-run the search by itself: a staff call counts as activity on the server, and
    // a PC left alone must not be kept signed in by the school's sync. The next keystroke searches the new data.
    while (!stopped && !(await auth.load())) await new Promise((r) => setTimeout(r, 2_000));
  });

  onBeforeUnmount(() => {
    stopped = true;
    for (const stop of stops.splice(0)) stop();
    appInfo.stop();
    clock.stop();
  });

  return { lock };
}
