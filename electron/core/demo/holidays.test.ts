import { describe, expect, it } from 'vitest';
import { easterSunday, holidaysCovering, schoolYearHolidays, schoolYearOf } from './holidays';

describe('Dutch school holidays', () => {
  it('computes Easter', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('matches the published dates for region midden in 2025-2026', () => {
    const byName = new Map(schoolYearHolidays(2025).map((h) => [h.name, h]));
    expect(byName.get('Herfstvakantie')).toEqual({ name: 'Herfstvakantie', from: '2025-10-18', to: '2025-10-26' });
    expect(byName.get('Kerstvakantie')).toEqual({ name: 'Kerstvakantie', from: '2025-12-20', to: '2026-01-04' });
    expect(byName.get('Voorjaarsvakantie')).toEqual({ name: 'Voorjaarsvakantie', from: '2026-02-14', to: '2026-02-22' });
    expect(byName.get('Meivakantie')).toEqual({ name: 'Meivakantie', from: '2026-04-25', to: '2026-05-03' });
    expect(byName.get('Hemelvaart')).toEqual({ name: 'Hemelvaart', from: '2026-05-14', to: '2026-05-15' });
    expect(byName.get('Tweede Pinksterdag')).toEqual({ name: 'Tweede Pinksterdag', from: '2026-05-25', to: '2026-05-25' });
    expect(byName.get('Zomervakantie')).toEqual({ name: 'Zomervakantie', from: '2026-07-18', to: '2026-08-30' });
  });

  it('moves Koningsdag to Saturday when 27 April is a Sunday', () => {
    expect(schoolYearHolidays(2024).find((h) => h.name === 'Koningsdag')?.from).toBe('2025-04-26');
    expect(schoolYearHolidays(2025).find((h) => h.name === 'Koningsdag')?.from).toBe('2026-04-27');
  });

  it('follows the rules in any year, in date order, Saturday to Sunday for the vacations', () => {
    for (let year = 2020; year <= 2040; year++) {
      const holidays = schoolYearHolidays(year);
      expect(holidays.map((h) => h.from)).toEqual([...holidays.map((h) => h.from)].sort());
      for (const h of holidays.filter((x) => x.name.endsWith('vakantie'))) {
        expect(new Date(`${h.from}T12:00:00Z`).getUTCDay(), `${h.name} ${year}`).toBe(6);
        expect(new Date(`${h.to}T12:00:00Z`).getUTCDay(), `${h.name} ${year}`).toBe(0);
      }
      const christmas = holidays.find((h) => h.name === 'Kerstvakantie');
      expect(christmas && christmas.from <= `${year}-12-25` && christmas.to >= `${year + 1}-01-01`).toBe(true);
    }
  });

  it('covers every school year a range touches, with each summer once', () => {
    const holidays = holidaysCovering('2026-10-12', '2027-10-01');
    expect(schoolYearOf('2026-10-12')).toBe(2026);
    expect(schoolYearOf('2027-07-20')).toBe(2026);
    expect(holidays.filter((h) => h.name === 'Zomervakantie').map((h) => h.from)).toEqual(['2026-07-18', '2027-07-17', '2028-07-15']);
    expect(holidays.filter((h) => h.name === 'Kerstvakantie')).toHaveLength(2);
  });
});
