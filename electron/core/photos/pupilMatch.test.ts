import { describe, expect, it } from 'vitest';
import { createPupilMatcher, numberKey } from './pupilMatch';

const DEFAULT = '^(\\d+)\\.(?:jpe?g|png)$';

describe('file name to pupil number', () => {
  it('ignores leading zeros both ways and answers with the cache spelling', () => {
    const match = createPupilMatcher(DEFAULT, ['123', '004567']);
    expect(match('000123.jpg')).toEqual({ kind: 'pupil', number: '123' });
    expect(match('4567.png')).toEqual({ kind: 'pupil', number: '004567' });
    expect(match('004567.JPG')).toEqual({ kind: 'pupil', number: '004567' });
  });

  it('is case-insensitive on the pattern and on letters in numbers', () => {
    const match = createPupilMatcher('^leerling[-_ ]?([a-z]?\\d+)', ['L123']);
    expect(match('LEERLING_l123.jpeg')).toEqual({ kind: 'pupil', number: 'L123' });
  });

  it('prefers the exact spelling; an ambiguous number is said to be one', () => {
    expect(createPupilMatcher(DEFAULT, ['0123', '123'])('0123.jpg')).toEqual({ kind: 'pupil', number: '0123' });
    expect(createPupilMatcher(DEFAULT, ['0123', '00123'])('123.jpg')).toEqual({ kind: 'ambiguous', numbers: ['0123', '00123'] });
  });

  it('reports names that give no pupil of the school as unmatched', () => {
    const match = createPupilMatcher(DEFAULT, ['123']);
    for (const name of ['124.jpg', 'foto.jpg', '123.gif', '.DS_Store', '._123.jpg', `${'1'.repeat(300)}.jpg`]) {
      expect(match(name)).toEqual({ kind: 'unmatched' });
    }
  });

  it('uses the whole match when the pattern has no group', () => {
    expect(createPupilMatcher('\\d+', ['77'])('pasfoto 077 (2).jpg')).toEqual({ kind: 'pupil', number: '77' });
  });

  it('refuses a pattern that is not a regular expression', () => {
    expect(() => createPupilMatcher('(\\d+', [])).toThrow(/not a valid regular expression/);
  });

  it('compares numbers without leading zeros, spaces or case', () => {
    expect(numberKey(' 000 ')).toBe('0');
    expect(numberKey('0012a')).toBe('12A');
  });
});
