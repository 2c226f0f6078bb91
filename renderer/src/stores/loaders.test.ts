import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { retrier, serialLoader } from './loaders';

describe('store loaders', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs one fetch at a time and once more for calls made meanwhile', async () => {
    let runs = 0;
    const load = serialLoader(async () => {
      runs += 1;
      await Promise.resolve();
    });
    await Promise.all([load(), load(), load()]);
    expect(runs).toBe(2);
    await load();
    expect(runs).toBe(3);
  });

  it('is ready for the next call even after a fetch threw', async () => {
    let fail = true;
    const load = serialLoader(async () => {
      if (fail) throw new Error('no');
    });
    await expect(load()).rejects.toThrow('no');
    fail = false;
    await expect(load()).resolves.toBeUndefined();
  });

  it('retries after growing waits, once per failure, and forgets them after a success', () => {
    const run = vi.fn();
    const retry = retrier(run, [1_000, 5_000]);
    retry.failed();
    retry.failed();
    vi.advanceTimersByTime(1_000);
    expect(run).toHaveBeenCalledTimes(1);
    retry.failed();
    vi.advanceTimersByTime(4_999);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(2);
    retry.succeeded();
    retry.failed();
    vi.advanceTimersByTime(1_000);
    expect(run).toHaveBeenCalledTimes(3);
    retry.failed();
    retry.cancel();
    vi.advanceTimersByTime(60_000);
    expect(run).toHaveBeenCalledTimes(3);
  });
});
