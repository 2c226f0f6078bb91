import { describe, expect, it } from 'vitest';
import { forEachTimeSliced } from './timeSliced';

const busyFor = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* holding the event loop, as a slow match would */ }
};

describe('forEachTimeSliced', () => {
  it('visits every item in order and lets the event loop run between slices', async () => {
    const seen: number[] = [];
    const turns: number[] = [];
    const timer = setInterval(() => turns.push(seen.length), 0);
    await forEachTimeSliced(Array.from({ length: 20 }, (_, i) => i), (item, index) => {
      expect(index).toBe(item);
      seen.push(item);
      busyFor(3);
    });
    clearInterval(timer);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // 60 ms of work in slices of 8 ms: a timer ran while the loop was still under way, more than once.
    expect(turns.filter((n) => n > 0 && n < 20).length).toBeGreaterThan(2);
  });

  it('does not yield for work that fits in one slice', async () => {
    let turns = 0;
    const immediate = setImmediate(() => (turns += 1));
    const done = forEachTimeSliced([1, 2, 3], () => undefined);
    // Finished without a turn of the event loop: the promise is already settled before the immediate runs.
    let settled = false;
    void done.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(true);
    expect(turns).toBe(0);
    clearImmediate(immediate);
  });
});
