import { describe, expect, it } from 'vitest';
import { untisDate, untisMinutes, untisTime } from './untisTime';

describe('WebUntis dates and times', () => {
  it('reads yyyymmdd as number or string, and only real dates', () => {
    expect(untisDate(20261124)).toBe('2026-11-24');
    expect(untisDate('20240229')).toBe('2024-02-29');
    for (const bad of [20230229, 20261301, 20261100, 2026112, '2026-11-24', 'x']) expect(untisDate(bad)).toBeNull();
  });

  it('reads hmm and hhmm, pads, and refuses what is not a time of day', () => {
    expect(untisTime(800)).toBe('08:00');
    expect(untisTime('1345')).toBe('13:45');
    expect(untisMinutes(2400)).toBe(1440);
    for (const bad of [860, 2401, -5, '8:00', 99999]) expect(untisMinutes(bad)).toBeNull();
  });
});
