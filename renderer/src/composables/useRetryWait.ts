import { computed, onScopeDispose, ref } from 'vue';

/**
 * The wait the core asks for after a wrong password, code or PIN (docs/security-accounts.md §3), as a countdown in
 * whole seconds. A try made sooner would only be refused, so the forms hold their button until it reaches 0.
 */
export function useRetryWait(now: () => number = Date.now) {
  const until = ref(0);
  const tick = ref(now());
  let timer: ReturnType<typeof setInterval> | null = null;

  const stop = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };

  function hold(seconds: number) {
    if (seconds <= 0) return;
    until.value = now() + seconds * 1000;
    tick.value = now();
    stop();
    timer = setInterval(() => {
      tick.value = now();
      if (tick.value >= until.value) stop();
    }, 250);
  }

  onScopeDispose(stop);
  return { hold, seconds: computed(() => Math.max(0, Math.ceil((until.value - tick.value) / 1000))) };
}
