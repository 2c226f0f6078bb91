import { describe, expect, it } from 'vitest';
import { elementsOf } from './lessons';
import { periodsOf, personName } from './reference';

describe('WebUntis master data', () => {
  it('keeps the tussenvoegsel apart, as Dutch names sort', () => {
    expect(personName('Sanne', 'van den Berg')).toEqual({ firstName: 'Sanne', prefix: 'van den', lastName: 'Berg' });
    expect(personName('Pieter', 'de Vries')).toEqual({ firstName: 'Pieter', prefix: 'de', lastName: 'Vries' });
    expect(personName('Daan', 'Çelik')).toEqual({ firstName: 'Daan', prefix: null, lastName: 'Çelik' });
    expect(personName('Ter', 'Horst')).toEqual({ firstName: 'Ter', prefix: null, lastName: 'Horst' });
    expect(personName('', 'Jansen')).toBeNull();
  });

  it('numbers the time grid when the server names every hour alike', () => {
    const grid = [{ day: 2, timeUnits: [{ name: '0', startTime: 855, endTime: 945 }, { name: '0', startTime: 800, endTime: 850 }] }];
    expect(periodsOf(grid)).toEqual([{ number: 1, name: '1', start: '08:00', end: '08:50' }, { number: 2, name: '2', start: '08:55', end: '09:45' }]);
    const named = [{ day: 2, timeUnits: [{ name: 'u1', startTime: 800, endTime: 850 }, { name: 'u2', startTime: 855, endTime: 945 }] }];
    expect(periodsOf(named).map((p) => p.name)).toEqual(['u1', 'u2']);
  });

  it('an orgid is who or where it was; no current id means taken away without replacement', () => {
    const names = new Map([[1, 'BKR'], [2, 'PET']]);
    expect(elementsOf([{ id: 2, orgid: 1 }], names, 10)).toEqual({ now: ['PET'], before: ['BKR'] });
    expect(elementsOf([{ id: 0, orgid: 1 }], names, 10)).toEqual({ now: [], before: ['BKR'] });
    expect(elementsOf([{ id: 3, name: 'XYZ' }, { id: 9 }], names, 10)).toEqual({ now: ['XYZ'], before: [] });
  });
});
