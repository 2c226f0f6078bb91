import { describe, expect, it } from 'vitest';
import { OperatingHours } from '@shared/domain/display';
import { type DisplaySchedule, powerDecision } from './powerPolicy';

const zone = 'Europe/Amsterdam';
const at = (iso: string) => Date.parse(iso);
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

const schoolDays = OperatingHours.parse({ days: [1, 2, 3, 4, 5], from: '07:30', to: '17:00' });
const everyDay = OperatingHours.parse({ days: [1, 2, 3, 4, 5, 6, 7], from: '07:30', to: '17:00' });
const schedule = (hours: OperatingHours | null, holidays: DisplaySchedule['holidays'] = []): DisplaySchedule => ({ profileId: 'gang-b1', hours, zone, holidays });

function decide(s: DisplaySchedule, when: string) {
  const d = powerDecision(s, at(when));
  return { awake: d.keepDisplayAwake, changesAt: iso(d.changesAt) };
}

describe('powerDecision', () => {
  it('keeps an always-on screen awake for good', () => {
    expect(decide(schedule(null), '2026-11-24T03:00:00+01:00')).toEqual({ awake: true, changesAt: null });
  });

  it('holds the display awake during the hours and lets go at their end', () => {
    expect(decide(schedule(schoolDays), '2026-11-24T07:29:59+01:00')).toEqual({ awake: false, changesAt: '2026-11-24T06:30:00.000Z' });
    expect(decide(schedule(schoolDays), '2026-11-24T07:30:00+01:00')).toEqual({ awake: true, changesAt: '2026-11-24T16:00:00.000Z' });
    expect(decide(schedule(schoolDays), '2026-11-24T16:59:59+01:00')).toEqual({ awake: true, changesAt: '2026-11-24T16:00:00.000Z' });
    expect(decide(schedule(schoolDays), '2026-11-24T17:00:00+01:00')).toEqual({ awake: false, changesAt: '2026-11-25T06:30:00.000Z' });
  });

  it('at midnight the screen is off and comes on at 07:30 the same day', () => {
    expect(decide(schedule(schoolDays), '2026-11-25T00:00:00+01:00')).toEqual({ awake: false, changesAt: '2026-11-25T06:30:00.000Z' });
    // Hours that run to the last minute of the day switch off at 23:59, not at midnight a day later.
    const late = OperatingHours.parse({ days: [1, 2, 3, 4, 5, 6, 7], from: '06:00', to: '23:59' });
    expect(decide(schedule(late), '2026-11-24T23:58:30+01:00')).toEqual({ awake: true, changesAt: '2026-11-24T22:59:00.000Z' });
    expect(decide(schedule(late), '2026-11-24T23:59:00+01:00')).toEqual({ awake: false, changesAt: '2026-11-25T05:00:00.000Z' });
  });

  it('skips the weekend: Friday after 17:00 waits for Monday 07:30', () => {
    expect(decide(schedule(schoolDays), '2026-11-27T18:00:00+01:00')).toEqual({ awake: false, changesAt: '2026-11-30T06:30:00.000Z' });
  });

  it('switches on at 07:30 local time on the spring daylight-saving day (29 March 2026, UTC+2 from 03:00)', () => {
    // The evening before, still in winter time: the next switch-on is 07:30 summer time, 05:30 UTC, not 06:30.
    expect(decide(schedule(everyDay), '2026-03-28T20:00:00+01:00')).toEqual({ awake: false, changesAt: '2026-03-29T05:30:00.000Z' });
    expect(decide(schedule(everyDay), '2026-03-29T07:29:00+02:00').awake).toBe(false);
    expect(decide(schedule(everyDay), '2026-03-29T07:30:00+02:00')).toEqual({ awake: true, changesAt: '2026-03-29T15:00:00.000Z' });
  });

  it('switches on at 07:30 local time on the autumn daylight-saving day (25 October 2026, UTC+1 from 03:00)', () => {
    expect(decide(schedule(everyDay), '2026-10-24T20:00:00+02:00')).toEqual({ awake: false, changesAt: '2026-10-25T06:30:00.000Z' });
    expect(decide(schedule(everyDay), '2026-10-25T07:30:00+01:00')).toEqual({ awake: true, changesAt: '2026-10-25T16:00:00.000Z' });
    // School days only: Friday evening in summer time waits for Monday morning in winter time.
    expect(decide(schedule(schoolDays), '2026-10-23T17:00:00+02:00')).toEqual({ awake: false, changesAt: '2026-10-26T06:30:00.000Z' });
  });

  it('stays off through a holiday, unless the hours say holidays are school days for this screen', () => {
    const autumnBreak = [{ name: 'Herfstvakantie', from: '2026-10-17', to: '2026-10-25' }];
    expect(decide(schedule(schoolDays, autumnBreak), '2026-10-16T17:00:00+02:00')).toEqual({ awake: false, changesAt: '2026-10-26T06:30:00.000Z' });
    expect(decide(schedule(schoolDays, autumnBreak), '2026-10-20T10:00:00+02:00').awake).toBe(false);
    const alsoInHolidays = OperatingHours.parse({ ...schoolDays, offOnHolidays: false });
    expect(decide(schedule(alsoInHolidays, autumnBreak), '2026-10-16T17:00:00+02:00')).toEqual({ awake: false, changesAt: '2026-10-19T05:30:00.000Z' });
  });

  it('follows the profile: the same instant under another profile gives its answer', () => {
    const evening = '2026-11-24T19:00:00+01:00';
    const aula = OperatingHours.parse({ days: [1, 2, 3, 4, 5], from: '07:00', to: '22:00' });
    expect(decide(schedule(schoolDays), evening).awake).toBe(false);
    expect(decide(schedule(aula), evening)).toEqual({ awake: true, changesAt: '2026-11-24T21:00:00.000Z' });
  });
});
