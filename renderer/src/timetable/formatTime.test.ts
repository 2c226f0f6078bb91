import { describe, expect, it } from 'vitest';
import { at } from '../testing/builders';
import { clockTime, dayAndDate, longDate, minutesLeft, shortDate, shortWeekday, timeRange } from './formatTime';

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

  it('names a school day by weekday and date, in both languages', () => {
    expect(dayAndDate('2027-01-04', zone, 'nl')).toBe('maandag 4 januari');
    expect(dayAndDate('2027-01-04', zone, 'en')).toBe('Monday 4 January');
  });

  it('counts the minutes left up, so the last minute reads 1 and the end 0', () => {
    expect(minutesLeft(at('09:00'), at('09:20'))).toBe(20);
    expect(minutesLeft(at('09:19:01'), at('09:20'))).toBe(1);
    expect(minutesLeft(at('09:20'), at('09:20'))).toBe(0);
  });

  it('shows the clock right in the first and last second of a minute, before 1970 and in another zone', () => {
    expect(clockTime(at('09:14:59') + 999, zone)).toBe('09:14:59');
    expect(clockTime(at('09:15'), zone)).toBe('09:15:00');
    expect(clockTime(Date.parse('2026-11-24T23:59:59Z'), 'America/New_York')).toBe('18:59:59');
    expect(clockTime(Date.parse('2026-11-24T23:59:59Z'), 'Asia/Kolkata')).toBe('05:29:59');
    expect(clockTime(Date.parse('1969-12-31T23:00:05Z'), zone)).toBe('00:00:05');
  });

  it('shows wall-clock time through both daylight-saving switches', () => {
    // 25 October 2026: 03:00 summer time becomes 02:00 winter time; 29 March 2026: 02:00 becomes 03:00.
    const autumn = Date.parse('2026-10-25T00:59:59Z');
    expect(clockTime(autumn, zone)).toBe('02:59:59');
    expect(clockTime(autumn + 1000, zone)).toBe('02:00:00');
    const spring = Date.parse('2026-03-29T00:59:59Z');
    expect(clockTime(spring, zone)).toBe('01:59:59');
    expect(clockTime(spring + 1000, zone)).toBe('03:00:00');
  });
});
