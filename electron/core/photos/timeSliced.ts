import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/** How long one slice may hold the event loop: well under a frame, so a keystroke in the staff window is never kept waiting. */
const SLICE_MS = 8;

/**
 * Runs `each` over `items` in order, giving the event loop a turn whenever a slice has run for SLICE_MS. The importer's
 * per-file loops over a few thousand names (matching, classifying) ran 30 to 60 ms in one go the first time round,
 * before the JIT had warmed up: long enough to freeze the staff window's search box while an administrator imported.
 */
export async function forEachTimeSliced<T>(items: readonly T[], each: (item: T, index: number) => void): Promise<void> {
  let sliceStart = performance.now();
  for (let i = 0; i < items.length; i++) {
    each(items[i]!, i);
    if (performance.now() - sliceStart >= SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
}
