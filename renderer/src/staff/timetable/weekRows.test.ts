import { describe, expect, it } from 'vitest';
import type { Lesson } from '@shared/domain/lesson';
import { instantAt } from '@shared/timetable/zonedTime';
import { weekRows } from './weekRows';

const ZONE = 'Europe/Amsterdam';
const periods = [
  { number: 1, name: '1', start: '08:30', end: '09:20' },
  { number: 2, name: '2', start: '09:20', end: '10:10' },
  { number: 3, name: '3', start: '10:25', end: '11:15' },
];
const MON = '2026-11-23';
const TUE = '2026-11-24';
const lesson = (id: string, day: string, start: string, end: string): Lesson => ({
  id, day, start: instantAt(day, start, ZONE), end: instantAt(day, end, ZONE), periodFrom: null, periodTo: null, kind: 'lesson',
  subjects: ['wi'], groups: ['3V2'], teachers: ['BEE'], rooms: ['A1.01'], remark: null,
  change: { cancelled: false, added: false, previousRooms: [], previousTeachers: [], previousStart: null, movedTo: null, description: null },
} as Lesson);

describe('the week as a grid of periods', () => {
  it('lines rows up across days: a free period is an empty cell, a double lesson spans two rows', () => {
    const rows = weekRows(periods, [lesson('a', MON, '08:30', '10:10'), lesson('b', TUE, '10:25', '11:15'), lesson('c', TUE, '08:30', '09:20')], [MON, TUE], ZONE);
    const shape = rows.map((r) => r.cells.map((c) => (c === null ? '^' : `${c.lessons.map((l) => l.id).join('') || '-'}${c.rowSpan > 1 ? `x${c.rowSpan}` : ''}`)));
    expect(shape).toEqual([
      ['ax2', 'c'],
      ['^', '-'],
      ['-', 'b'],
    ]);
  });

  it('gives lessons outside every period a row of their own', () => {
    const rows = weekRows(periods, [lesson('late', MON, '19:00', '20:00')], [MON, TUE], ZONE);
    expect(rows.at(-1)).toMatchObject({ period: null, cells: [{ lessons: [{ id: 'late' }] }, { lessons: [] }] });
  });
});
