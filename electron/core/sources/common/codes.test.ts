import { describe, expect, it } from 'vitest';
import { Code } from '@shared/domain';
import { cleanCode, cleanCodes, cleanText, yearOfGroup } from './codes';

describe('upstream text made fit for the domain', () => {
  it('codes: no control characters, single spaces, at most 40 characters', () => {
    expect(cleanCode('  A1.01 ')).toBe('A1.01');
    expect(cleanCode('2.ST\u001f/\tH')).toBe('2.ST / H');
    expect(cleanCode(204)).toBe('204');
    expect(cleanCode('\u0000 ')).toBeNull();
    expect(cleanCode({})).toBeNull();
    const long = cleanCode(`${'x'.repeat(39)}😀😀`)!;
    expect(Code.safeParse(long).success).toBe(true);
    expect(long).toBe('x'.repeat(39)); // the emoji would not fit whole: never half of one
  });

  it('code lists: distinct, clean, capped', () => {
    expect(cleanCodes(['a', ' a', null, 'b', 'c'], 2)).toEqual(['a', 'b']);
    expect(cleanCodes('a', 2)).toEqual([]);
  });

  it('text: one line, capped; empty is null', () => {
    expect(cleanText('Het lokaal\nis gewijzigd', 100)).toBe('Het lokaal is gewijzigd');
    expect(cleanText('   ', 10)).toBeNull();
  });

  it('leerjaar from a group code', () => {
    expect(['1A', 'v4a', '4v.netl1', 'h5.entl2', 'mentor', '12B'].map(yearOfGroup)).toEqual([1, 4, 4, 5, null, null]);
  });
});
