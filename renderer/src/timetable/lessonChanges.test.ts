import { describe, expect, it } from 'vitest';
import { at, lesson } from '../testing/builders';
import { changeMarks } from './lessonChanges';

describe('changeMarks', () => {
  it('marks nothing for a regular lesson', () => {
    expect(changeMarks(lesson('08:30', '09:20', { rooms: ['A1.01'] }), 'A1.01')).toEqual([]);
  });

  it('shows only "cancelled" for a cancelled lesson, whatever else changed', () => {
    const l = lesson('08:30', '09:20', { change: { cancelled: true, previousTeachers: ['BKR'], previousRooms: ['A1.02'] } });
    expect(changeMarks(l, 'A1.01')).toEqual([{ kind: 'cancelled' }]);
  });

  it('in the old room: moved away, to where it is held now', () => {
    const l = lesson('08:30', '09:20', { rooms: ['B2.10'], change: { previousRooms: ['A1.01'] } });
    expect(changeMarks(l, 'A1.01')).toEqual([{ kind: 'movedAway', to: ['B2.10'] }]);
  });

  it('in the new room: a room change, from where it normally is', () => {
    const l = lesson('08:30', '09:20', { rooms: ['B2.10'], change: { previousRooms: ['A1.04'] } });
    expect(changeMarks(l, 'B2.10')).toEqual([{ kind: 'roomChanged', from: ['A1.04'] }]);
  });

  it('a substitute, an extra lesson and a new time each get their mark', () => {
    const l = lesson('10:30', '11:20', { change: { previousTeachers: ['BKR'], added: true, previousStart: at('08:30') } });
    expect(changeMarks(l, 'A1.01')).toEqual([
      { kind: 'substitute', was: ['BKR'] },
      { kind: 'added' },
      { kind: 'rescheduled', was: at('08:30'), day: '2026-11-24' },
    ]);
  });
});
