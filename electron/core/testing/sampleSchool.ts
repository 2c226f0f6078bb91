import { randomBytes } from 'node:crypto';
import type { Lesson, LessonChange, Period } from '@shared/domain';
import { instantAt } from '@shared/timetable/zonedTime';
import type { Snapshot } from '../sync/snapshot';

/*
 * A tiny hand-made school for tests whose expectations must be obvious from reading them.
 * Tuesday 24 November 2026, Europe/Amsterdam (UTC+1).
 */
export const ZONE = 'Europe/Amsterdam';
export const DAY = '2026-11-24';
export const NEXT_DAY = '2026-11-25';

export const PERIODS: Period[] = [
  { number: 1, name: '1', start: '08:30', end: '09:20' },
  { number: 2, name: '2', start: '09:20', end: '10:10' },
  { number: 3, name: '3', start: '10:30', end: '11:20' },
];

export const at = (date: string, time: string) => instantAt(date, time, ZONE);

const noChange = (): LessonChange => ({
  cancelled: false,
  added: false,
  previousRooms: [],
  previousTeachers: [],
  previousStart: null,
  movedTo: null,
  description: null,
});

export function lesson(id: string, date: string, period: number, room: string, extra: Omit<Partial<Lesson>, 'change'> & { change?: Partial<LessonChange> } = {}): Lesson {
  const p = PERIODS[period - 1]!;
  const { change, ...rest } = extra;
  return {
    id, start: at(date, p.start), end: at(date, p.end), day: date, periodFrom: period, periodTo: period, kind: 'lesson',
    subjects: ['ne'], groups: ['1A'], teachers: ['BKR'], rooms: [room], remark: null,
    ...rest, change: { ...noChange(), ...change },
  };
}

export const PUPIL = { firstName: 'Sanne', prefix: 'van den', lastName: 'Berg', number: '246810', photoConsent: true, groups: ['1A'] };

export function sampleSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    kind: 'snapshot',
    school: { name: 'Testschool De Gang', zone: ZONE },
    window: { from: '2026-11-23', to: '2026-11-27' },
    periods: PERIODS,
    rooms: [
      { code: 'A1.01', name: 'Lokaal A1.01', building: 'A', floor: 1, kind: 'classroom', capacity: 30 },
      { code: 'A1.02', name: 'Lokaal A1.02', building: 'A', floor: 1, kind: 'classroom', capacity: 30 },
      { code: 'B0.10', name: 'Practicum B0.10', building: 'B', floor: 0, kind: 'lab', capacity: 24 },
    ],
    subjects: [{ code: 'ne', name: 'Nederlands' }, { code: 'wi', name: 'wiskunde' }, { code: 'en', name: 'Engels' }, { code: 'bi', name: 'biologie' }],
    groups: [{ code: '1A', name: '1A', kind: 'class', year: 1 }, { code: '1B', name: '1B', kind: 'class', year: 1 }],
    teachers: [
      { code: 'BKR', name: { firstName: 'Bram', prefix: null, lastName: 'Bakker' } },
      { code: 'JNS', name: { firstName: 'Joke', prefix: null, lastName: 'Jansen' } },
      { code: 'PET', name: { firstName: 'Pieter', prefix: 'de', lastName: 'Vries' } },
    ],
    pupils: [PUPIL, { firstName: 'Daan', prefix: null, lastName: 'Çelik', number: '135791', photoConsent: false, groups: ['1B'] }],
    lessons: [
      lesson('ne-1A-p1', DAY, 1, 'A1.01'),
      lesson('wi-1A-p2', DAY, 2, 'A1.01', { subjects: ['wi'], teachers: ['JNS'] }),
      lesson('en-1B-p1', DAY, 1, 'A1.02', { subjects: ['en'], groups: ['1B'], change: { cancelled: true, description: 'Vervalt wegens ziekte docent' } }),
      lesson('en-1B-p2', DAY, 2, 'A1.02', { subjects: ['en'], groups: ['1B'] }),
      lesson('bi-1B-p3', DAY, 3, 'B0.10', { subjects: ['bi'], groups: ['1B'], change: { previousRooms: ['A1.02'], description: 'Het lokaal is gewijzigd (was A1.02).' } }),
      lesson('ne-1A-p3', DAY, 3, 'A1.01', { teachers: ['PET'], change: { previousTeachers: ['BKR'], description: 'De docent is vervangen (was BKR).' } }),
      lesson('ne-1A-next', NEXT_DAY, 1, 'A1.01'),
    ],
    announcements: [
      { id: 'welcome', title: 'Welkom', body: '<p>Welkom op school</p>', start: at('2026-11-23', '07:00'), end: at('2026-11-28', '00:00'), audience: [], priority: 10, emergency: false },
      { id: 'aula', title: 'Aula', body: 'Alleen in de aula', start: at('2026-11-23', '07:00'), end: at('2026-11-28', '00:00'), audience: ['aula'], priority: 20, emergency: false },
    ],
    holidays: [{ name: 'Kerstvakantie', from: '2026-12-19', to: '2027-01-03' }],
    cursor: null,
    ...overrides,
  };
}

export const newKey = () => randomBytes(32);
