import { describe, expect, it } from 'vitest';
import { addDays, instantAt, isoWeek, localDateOf, localTimeOf, mondayOf, weekdayOf } from './zonedTime';

const AMS = 'Europe/Amsterdam';
const iso = (t: number) => new Date(t).toISOString();

describe('school-zone time', () => {
  it('puts 08:30 at 07:30Z in winter and 06:30Z in summer', () => {
    expect(iso(instantAt('2026-11-24', '08:30', AMS))).toBe('2026-11-24T07:30:00.000Z');
    expect(iso(instantAt('2026-06-16', '08:30', AMS))).toBe('2026-06-16T06:30:00.000Z');
  });

  it('is right on both daylight-saving days', () => {
    // 29 March 2026: clocks go 02:00 -> 03:00. 25 October 2026: 03:00 -> 02:00.
    expect(iso(instantAt('2026-03-28', '08:30', AMS))).toBe('2026-03-28T07:30:00.000Z');
    expect(iso(instantAt('2026-03-29', '08:30', AMS))).toBe('2026-03-29T06:30:00.000Z');
    expect(iso(instantAt('2026-10-25', '08:30', AMS))).toBe('2026-10-25T07:30:00.000Z');
    expect(iso(instantAt('2026-10-24', '08:30', AMS))).toBe('2026-10-24T06:30:00.000Z');
    expect(instantAt('2026-03-29', '12:00', AMS) - instantAt('2026-03-29', '00:00', AMS)).toBe(11 * 3_600_000);
    expect(instantAt('2026-10-25', '12:00', AMS) - instantAt('2026-10-25', '00:00', AMS)).toBe(13 * 3_600_000);
  });

  it('maps a skipped wall time forward and a repeated one to its first occurrence', () => {
    expect(iso(instantAt('2026-03-29', '02:30', AMS))).toBe('2026-03-29T01:30:00.000Z'); // reads 03:30 CEST
    expect(iso(instantAt('2026-10-25', '02:30', AMS))).toBe('2026-10-25T00:30:00.000Z'); // the CEST one
  });

  it('reads instants back as local dates and times', () => {
    const t = Date.parse('2026-11-24T23:30:00Z');
    expect(localDateOf(t, AMS)).toBe('2026-11-25');
    expect(localTimeOf(t, AMS)).toBe('00:30');
    expect(localTimeOf(instantAt('2026-03-29', '08:30', AMS), AMS)).toBe('08:30');
  });

  it('does calendar arithmetic across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(weekdayOf('2026-11-24')).toBe(2);
    expect(weekdayOf('2026-11-29')).toBe(7);
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(isoWeek('2026-11-24')).toEqual({ year: 2026, week: 48 });
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
  });
});
