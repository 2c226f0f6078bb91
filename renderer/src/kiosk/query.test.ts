import { describe, expect, it } from 'vitest';
import { localeFromQuery } from '../i18n';
import { roomsFromQuery } from './query';

describe('page address parameters', () => {
  it('reads a door sign\'s rooms, dropping blanks, repeats and impossible codes', () => {
    expect(roomsFromQuery('?rooms=A1.04, B2.10,,A1.04')).toEqual(['A1.04', 'B2.10']);
    expect(roomsFromQuery(`?rooms=${'x'.repeat(41)}`)).toBeNull();
    expect(roomsFromQuery('?lang=en')).toBeNull();
  });

  it('takes ?lang=en or nl and ignores other languages', () => {
    expect(localeFromQuery('?lang=en')).toBe('en');
    expect(localeFromQuery('?lang=NL')).toBe('nl');
    expect(localeFromQuery('?lang=de')).toBeNull();
    expect(localeFromQuery('')).toBeNull();
  });
});
