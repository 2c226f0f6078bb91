import { describe, expect, it } from 'vitest';
import { createGangbordI18n, type Locale } from '../i18n';
import { at, lesson, ZONE } from '../testing/builders';
import { changeDetails } from './changeWords';
import { changeMarks } from './lessonChanges';

// A lesson moved from Tuesday 24 to Thursday 26 November, 3rd hour, room n2.03: both days say so.
const words = (locale: Locale, l: ReturnType<typeof lesson>, room: string) => {
  const { t } = createGangbordI18n(locale).global;
  const marks = changeMarks(l, room);
  return { marks: marks.map((m) => m.kind), details: changeDetails(marks, ZONE, (key, params) => t(key, params), locale) };
};

describe('a lesson moved to another day, in words', () => {
  const oldSlot = lesson('10:30', '11:20', {
    rooms: ['A1.01'],
    change: { cancelled: true, movedTo: { start: at('10:30', '2026-11-26'), periodFrom: 3, rooms: ['n2.03'] } },
  });
  const newSlot = { ...lesson('10:30', '11:20', { rooms: ['n2.03'], change: { previousStart: at('10:30') } }), start: at('10:30', '2026-11-26'), end: at('11:20', '2026-11-26'), day: '2026-11-26' };

  it('on the day it left: moved, to the day, hour and room it went to', () => {
    expect(words('nl', oldSlot, 'A1.01')).toEqual({ marks: ['movedAway'], details: ['naar do 26 nov, 3e uur, n2.03'] });
    expect(words('en', oldSlot, 'A1.01')).toEqual({ marks: ['movedAway'], details: ['to Thu 26 Nov, period 3, n2.03'] });
  });

  it('with no lesson hours upstream, the time; with no room, the day and hour alone', () => {
    const noHour = { ...oldSlot, change: { ...oldSlot.change, movedTo: { start: at('10:30', '2026-11-26'), periodFrom: null, rooms: [] } } };
    expect(words('nl', noHour, 'A1.01').details).toEqual(['naar do 26 nov, 10:30']);
  });

  it('on the day it arrived: rescheduled, from which day', () => {
    expect(words('nl', newSlot, 'n2.03')).toEqual({ marks: ['rescheduled'], details: ['was di 24 nov 10:30'] });
    expect(words('en', newSlot, 'n2.03').details).toEqual(['was Tue 24 Nov 10:30']);
  });
});
