import { generateSecret, generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { checkTotp } from './totp';

const secret = generateSecret();
const codeAt = (ms: number) => generateSync({ secret, epoch: Math.floor(ms / 1000) });
const NOW = Date.UTC(2026, 10, 24, 8, 0, 15);

describe('TOTP codes', () => {
  it('accepts the current code once, and a code one step either side', () => {
    const first = checkTotp(secret, codeAt(NOW), NOW, null);
    expect(first.valid).toBe(true);
    expect(checkTotp(secret, codeAt(NOW), NOW + 5_000, first.step)).toEqual({ valid: false, step: null });
    expect(checkTotp(secret, codeAt(NOW - 30_000), NOW, null).valid).toBe(true);
    expect(checkTotp(secret, codeAt(NOW + 30_000), NOW, first.step).valid).toBe(true);
  });

  it('refuses every code, without an error, after the clock was set back past the last accepted step', () => {
    const accepted = checkTotp(secret, codeAt(NOW), NOW, null);
    const earlier = NOW - 10 * 60_000;
    expect(() => checkTotp(secret, codeAt(earlier), earlier, accepted.step)).not.toThrow();
    expect(checkTotp(secret, codeAt(earlier), earlier, accepted.step)).toEqual({ valid: false, step: null });
  });
});
