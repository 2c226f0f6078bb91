import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff';

describe('retry delays after failures', () => {
  it('double from 30 s and stop growing at 30 min', () => {
    const top = () => 1;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, null, top))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, null, top)).toBe(30 * 60_000);
  });

  it('are jittered down by at most half, so screens spread out', () => {
    expect(retryDelayMs(1, null, () => 0)).toBe(15_000);
  });

  it('obey an upstream Retry-After, capped at six hours', () => {
    expect(retryDelayMs(1, 600_000, () => 1)).toBe(600_000);
    expect(retryDelayMs(1, 48 * 3_600_000, () => 1)).toBe(6 * 3_600_000);
  });
});
