import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from './pin';

describe('the display PIN', () => {
  it('is stored as a salted scrypt hash that verifies only the right PIN', () => {
    const stored = hashPin('2468');
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain('2468');
    expect(hashPin('2468')).not.toBe(stored);
    expect(verifyPin('2468', stored)).toBe(true);
    expect(verifyPin('2469', stored)).toBe(false);
    expect(verifyPin('2468', 'garbage')).toBe(false);
  });

  it('refuses PINs that are not 4 to 12 digits', () => {
    expect(() => hashPin('12')).toThrow();
    expect(() => hashPin('abcd')).toThrow();
  });
});
