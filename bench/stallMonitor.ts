import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Watches this thread's event loop: the longest it was blocked while the monitor ran, in ms. */
export function watchEventLoop(): { stop(): { maxStallMs: number; p99StallMs: number } } {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  return {
    stop() {
      histogram.disable();
      // The histogram records delay beyond the sampling interval; max is the worst single stall.
      return { maxStallMs: histogram.max / 1e6, p99StallMs: histogram.percentile(99) / 1e6 };
    },
  };
}
