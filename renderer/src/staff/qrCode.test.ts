import { describe, expect, it } from 'vitest';
import { formatBits, qrMatrix, rsRemainder } from './qrCode';

describe('qrCode', () => {
  it('computes Reed-Solomon codewords as the standard\'s worked example (HELLO WORLD, 1-M)', () => {
    const data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
    expect(rsRemainder(data, 10)).toEqual([196, 35, 39, 119, 235, 215, 231, 226, 93, 23]);
  });

  it('writes the format bits of the published table for level M', () => {
    expect(formatBits(0).toString(2).padStart(15, '0')).toBe('101010000010010');
    expect(formatBits(5).toString(2).padStart(15, '0')).toBe('100000011001110');
  });

  it('sizes an otpauth address to the smallest version and draws the three finder patterns', () => {
    const uri = 'otpauth://totp/Gangbord:beheer?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&period=30&digits=6&algorithm=SHA1&issuer=Gangbord';
    const m = qrMatrix(uri)!;
    // 120 bytes: more than version 6 holds at level M (106), within version 7 (122), which also carries version bits.
    expect(uri.length).toBe(120);
    expect(m.length).toBe(7 * 4 + 17);
    const finder = (x0: number, y0: number) => Array.from({ length: 7 }, (_, y) => Array.from({ length: 7 }, (_, x) => (m[y0 + y]![x0 + x] ? 1 : 0)).join('')).join('/');
    const expected = '1111111/1000001/1011101/1011101/1011101/1000001/1111111';
    expect(finder(0, 0)).toBe(expected);
    expect(finder(m.length - 7, 0)).toBe(expected);
    expect(finder(0, m.length - 7)).toBe(expected);
    // The dark module, always there.
    expect(m[m.length - 8]![8]).toBe(true);
  });

  it('says no for text beyond version 10', () => {
    expect(qrMatrix('x'.repeat(300))).toBeNull();
  });
});
