import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ClockReading } from '@shared/contract';
import type { Instant } from '@shared/domain/time';
import { api } from '../api';

/** How often the page asks the core for its clock again, so drift or a sleeping machine never lasts. */
export const CLOCK_RESYNC_MS = 60_000;
// A tick lands this long after a whole second, so timer jitter never shows the old second again.
const TICK_MARGIN_MS = 5;
const MIN_TICK_MS = 50;

/**
 * The core's clock, ticking locally between readings: now = coreNow + (performance.now() - t0) * rate.
 * Following the core rather than the wall clock lets a test or a preview set "now" (--now, --clock-rate).
 */
export const useClockStore = defineStore('clock', () => {
  const coreAt = ref<Instant | null>(null);
  const perfAt = ref(0);
  const rate = ref(1);
  /** The core's now at the last tick, whole seconds apart; null until the first reading. */
  const now = ref<Instant | null>(null);
  const running = ref(false);
  let tickTimer: ReturnType<typeof setTimeout> | null = null;
  let resyncTimer: ReturnType<typeof setInterval> | null = null;

  const ready = computed(() => coreAt.value !== null);

  function read(): Instant | null {
    if (coreAt.value === null) return null;
    return Math.floor(coreAt.value + (performance.now() - perfAt.value) * rate.value);
  }

  /** Take a reading; `perfAtReading` is when it was true on this page's monotonic clock. */
  function adopt(reading: ClockReading, perfAtReading = performance.now()) {
    coreAt.value = reading.now;
    perfAt.value = perfAtReading;
    rate.value = reading.rate;
    tick();
  }

  async function sync(): Promise<boolean> {
    const sent = performance.now();
    const result = await api.call('clock.now', {});
    if (!result.ok) return false; // keep ticking on the last reading
    // The core read its clock somewhere between send and receive: the midpoint halves the error.
    adopt(result.value, (sent + performance.now()) / 2);
    return true;
  }

  function tick() {
    now.value = read();
    if (!running.value) return;
    if (tickTimer) clearTimeout(tickTimer);
    const t = now.value ?? 0;
    const toNextSecond = (1000 - (t % 1000)) / rate.value;
    tickTimer = setTimeout(tick, Math.max(MIN_TICK_MS, toNextSecond + TICK_MARGIN_MS));
  }

  function start() {
    if (running.value) return;
    running.value = true;
    resyncTimer = setInterval(() => void sync(), CLOCK_RESYNC_MS);
    tick();
  }

  function stop() {
    running.value = false;
    if (tickTimer) clearTimeout(tickTimer);
    if (resyncTimer) clearInterval(resyncTimer);
    tickTimer = resyncTimer = null;
  }

  return { coreAt, perfAt, rate, now, running, ready, read, adopt, sync, tick, start, stop };
});
