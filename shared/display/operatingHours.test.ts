import { describe, expect, it } from 'vitest';
import { instantAt } from '../timetable/zonedTime';
import { operatingState } from './operatingHours';

const AMS = 'Europe/Amsterdam';
const weekdays = { days: [1, 2, 3, 4, 5], from: '07:30', to: '17:30', offOnHolidays: true };
const at = (date: string, time: string) => instantAt(date, time, AMS);

describe('operating hours', () => {
  it('are always on without hours', () => {
    expect(operatingState(null, at('2026-11-28', '03:00'), AMS)).toEqual({ on: true, changesAt: null });
  });

  it('switch on and off on school days, to the minute', () => {
    expect(operatingState(weekdays, at('2026-11-24', '07:29'), AMS)).toEqual({ on: false, changesAt: at('2026-11-24', '07:30') });
    expect(operatingState(weekdays, at('2026-11-24', '07:30'), AMS)).toEqual({ on: true, changesAt: at('2026-11-24', '17:30') });
    expect(operatingState(weekdays, at('2026-11-24', '17:30'), AMS)).toEqual({ on: false, changesAt: at('2026-11-25', '07:30') });
  });

  it('stay off over the weekend and a holiday', () => {
    expect(operatingState(weekdays, at('2026-11-27', '18:00'), AMS).changesAt).toBe(at('2026-11-30', '07:30'));
    const holidays = [{ name: 'Kerstvakantie', from: '2026-12-19', to: '2027-01-03' }];
    expect(operatingState(weekdays, at('2026-12-21', '09:00'), AMS, holidays)).toEqual({ on: false, changesAt: at('2027-01-04', '07:30') });
  });

  it('keep local time on both daylight-saving days', () => {
    const everyDay = { ...weekdays, days: [1, 2, 3, 4, 5, 6, 7] };
    expect(new Date(operatingState(everyDay, at('2026-03-28', '20:00'), AMS).changesAt!).toISOString()).toBe('2026-03-29T05:30:00.000Z');
    expect(new Date(operatingState(everyDay, at('2026-10-24', '20:00'), AMS).changesAt!).toISOString()).toBe('2026-10-25T06:30:00.000Z');
  });
});
