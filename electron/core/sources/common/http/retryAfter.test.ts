import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retryAfter';

describe('Retry-After', () => {
  const now = Date.parse('2026-11-24T08:00:00Z');

  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Tue, 24 Nov 2026 08:05:00 GMT', now)).toBe(300_000);
  });

  it('a date in the past means now; absurd waits are capped at a day', () => {
    expect(parseRetryAfter('Tue, 24 Nov 2026 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('99999999999', now)).toBe(24 * 3_600_000);
  });

  it('gives null for what it cannot read, so the engine backs off on its own', () => {
    for (const value of [null, undefined, '', 'soon', '-5', '1.5', 'May', '12 parsecs']) expect(parseRetryAfter(value, now)).toBeNull();
  });
});
