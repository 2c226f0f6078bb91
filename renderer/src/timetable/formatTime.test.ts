import { describe, expect, it } from 'vitest';
import { at } from '../testing/builders';
import { clockTime, longDate, shortDate, shortWeekday, timeRange } from './formatTime';

describe('formatTime', () => {
  const zone = 'Europe/Amsterdam';

  it('shows 24-hour times in the school zone', () => {
    expect(clockTime(at('09:15:07'), zone)).toBe('09:15:07');
    expect(clockTime(at('21:05'), zone)).toBe('21:05:00');
    expect(timeRange(at('08:30'), at('09:20'), zone)).toBe('08:30–09:20');
  });

  it('writes the date in words in the chosen language', () => {
    expect(longDate(at('09:15'), zone, 'nl')).toBe('dinsdag 24 november 2026');
    // ICU versions differ on the comma after the weekday.
    expect(longDate(at('09:15'), zone, 'en')).toMatch(/^Tuesday,? 24 November 2026$/);
  });

  it('abbreviates weekdays and dates for a lesson or update on another day', () => {
    expect(shortWeekday(at('09:15', '2026-11-25'), zone, 'nl')).toBe('wo');
    expect(shortWeekday(at('09:15', '2026-11-25'), zone, 'en')).toBe('Wed');
    expect(shortDate(at('09:15', '2026-11-23'), zone, 'nl')).toBe('ma 23 nov');
    expect(shortDate(at('09:15', '2026-11-23'), zone, 'en')).toBe('Mon 23 Nov');
  });

  it('keeps the local date right across midnight UTC', () => {
    expect(longDate(at('00:30', '2026-11-25'), zone, 'nl')).toBe('woensdag 25 november 2026');
  });
});
