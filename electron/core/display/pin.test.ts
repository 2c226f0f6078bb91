import { describe, expect, it } from 'vitest';
import { hashPin, pinLockout, verifyPin } from './pin';

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

  it('locks out after five wrong PINs in a row, for five minutes', () => {
    let now = 0;
    const lockout = pinLockout(5, 300_000, () => now);
    for (let i = 0; i < 4; i++) lockout.failed();
    expect(lockout.lockedFor()).toBe(0);
    lockout.failed();
    expect(lockout.lockedFor()).toBe(300_000);
    now = 299_999;
    expect(lockout.lockedFor()).toBe(1);
    now = 300_000;
    expect(lockout.lockedFor()).toBe(0);
  });
});
