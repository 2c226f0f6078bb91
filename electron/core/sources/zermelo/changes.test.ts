import { describe, expect, it } from 'vitest';
import { lessonChange, wasInDescription } from './changes';
import type { ZermeloAppointment } from './schemas';

const version = (extra: Partial<ZermeloAppointment>): ZermeloAppointment => ({ id: 1, start: 1000, end: 4000, locations: ['B2'], teachers: ['PET'], ...extra });

describe('what a change description says it was', () => {
  it('reads "(was X)" per sentence, rooms and teachers apart', () => {
    expect(wasInDescription('Het lokaal is gewijzigd (was 6r). De docent is vervangen (was ojse).')).toEqual({ rooms: ['6r'], teachers: ['ojse'] });
    expect(wasInDescription('Lokalen gewijzigd (was: A1, B2 en C3)')).toEqual({ rooms: ['A1', 'B2', 'C3'], teachers: [] });
    expect(wasInDescription('De les vervalt.')).toEqual({ rooms: [], teachers: [] });
    expect(wasInDescription(null)).toEqual({ rooms: [], teachers: [] });
  });
});

describe('the change record of a lesson', () => {
  it('takes the description where the flag says the room changed', () => {
    const change = lessonChange(version({ locationChanged: true, changeDescription: 'Het lokaal is gewijzigd (was A1).' }), null, ['B2'], ['PET']);
    expect(change).toMatchObject({ previousRooms: ['A1'], previousTeachers: [], description: 'Het lokaal is gewijzigd (was A1).' });
  });

  it('compares with the earlier version where there is no description', () => {
    const change = lessonChange(version({ teacherChanged: true }), version({ id: 0, teachers: ['BKR'], valid: false }), ['B2'], ['PET']);
    expect(change.previousTeachers).toEqual(['BKR']);
  });

  it('believes a flag that says nothing changed over a stray difference', () => {
    const change = lessonChange(version({ locationChanged: false }), version({ id: 0, locations: ['A1'] }), ['B2'], ['PET']);
    expect(change.previousRooms).toEqual([]);
  });

  it('without granted flags, a difference with the earlier version counts; time moves give the old start', () => {
    const change = lessonChange(version({ start: 5000, end: 8000 }), version({ id: 0, locations: ['A1'], start: 1000 }), ['B2'], ['PET']);
    expect(change).toMatchObject({ previousRooms: ['A1'], previousStart: 1_000_000 });
  });

  it('a cancelled lesson without description shows its reason', () => {
    expect(lessonChange(version({ cancelled: true, cancelledReason: 'studiedag' }), null, [], []).description).toBe('studiedag');
  });
});
