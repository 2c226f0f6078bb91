import { describe, expect, it } from 'vitest';
import { compileAdminPattern, patternProblem } from './adminPattern';

describe('patterns typed by an administrator', () => {
  it('find the first group, or the whole match, as a JavaScript pattern would', () => {
    expect(compileAdminPattern('^(\\d+)\\.(?:jpe?g|png)$', { caseInsensitive: true }).first('0123.JPG')).toBe('0123');
    expect(compileAdminPattern('[A-Z]\\d\\.\\d+').first('Lokaal B2.10 (oud)')).toBe('B2.10');
    expect(compileAdminPattern('^Docent: (\\w+)').first('Les\nDocent: BKR')).toBeNull();
    expect(compileAdminPattern('^Docent: (\\w+)$', { multiline: true }).all('Les\nDocent: BKR\nDocent: JNS', 5)).toEqual(['BKR', 'JNS']);
    expect(compileAdminPattern('x*').all('abc', 10)).toEqual(['', '', '', '']);
  });

  // Each of these takes JavaScript's engine seconds to minutes on the line given (measured in review: 4 s, 14 s,
  // 92 s). Run through RE2 they answer at once; a test that hung here would fail on its timeout.
  it.each([
    ['^(\\w|\\d)+$', `${'a'.repeat(30)}!`],
    ['^(a|a?)+$', `${'a'.repeat(30)}!`],
    ['^(?:\\w?\\d?)+$', `${'1'.repeat(30)}!`],
    ['Docent:\\s*((?:\\w+,?\\s*)+)\\.', `Docent: ${'ab '.repeat(700)}`],
    ['^.*.*.*.*x$', 'a'.repeat(2000)],
  ])('answers at once for %s, a pattern that backtracks for ever in JavaScript', (pattern, text) => {
    expect(compileAdminPattern(pattern).first(text)).toBeNull();
  });

  it('says plainly what is wrong with a pattern that cannot be used', () => {
    expect(patternProblem('([a-z')).toMatch(/not a valid regular expression \(missing closing \]/);
    expect(patternProblem('(?=Docent)\\w+')).toMatch(/not a valid regular expression/);
    expect(patternProblem('a'.repeat(201))).toMatch(/longer than 200/);
    expect(patternProblem('Klas: (.*)')).toBeNull();
  });
});
