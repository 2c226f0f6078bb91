import { describe, expect, it } from 'vitest';
import { at } from '../testing/builders';
import { isStale, updatedAt } from './freshness';

describe('data freshness', () => {
  it('takes the later of the data\'s own time and the last successful sync', () => {
    expect(updatedAt(at('08:05'), at('09:05'))).toBe(at('09:05'));
    expect(updatedAt(at('08:05'), null)).toBe(at('08:05'));
    expect(updatedAt(null, null)).toBeNull();
  });

  it('is stale once older than the threshold, on the core\'s clock', () => {
    expect(isStale(at('08:05'), at('08:35'), 30)).toBe(false);
    expect(isStale(at('08:05'), at('08:35:01'), 30)).toBe(true);
    expect(isStale(null, at('12:00'), 30)).toBe(false);
  });
});
