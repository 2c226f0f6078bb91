import { addDays, instantAt } from '@shared/timetable/zonedTime';
import type { ZermeloData } from './zermeloServer';

/*
 * A small school as its Zermelo portal would hold it, in the portal's own JSON: the week of Tuesday 24 November 2026
 * (the day of ../testing/sampleSchool.ts) and the week after, with appointment versions, a cancellation, a room
 * change, a substitute, a lesson moved in time, an extra lesson, a hidden and a withdrawn appointment, a double
 * lesson and a week-long activity. Readable on purpose: tests state their expectations against it.
 */

export const ZONE = 'Europe/Amsterdam';
export const MONDAY = '2026-11-23';
export const DAY = '2026-11-24';
export const TOKEN = 'q8k2m4n6p8r0t2v4x6z8b0d2f4';
export const KOPPELCODE = '123 456 789 012';

/** Unix seconds of a wall-clock time in the school's zone. */
export const unix = (date: string, time: string) => Math.floor(instantAt(date, time, ZONE) / 1000);

/** When the base timetable was published, and when the changes were made (Unix s). */
export const PUBLISHED = unix('2026-11-01', '12:00');
export const CHANGED = unix('2026-11-20', '15:00');

export const SLOTS = [
  { rank: 1, name: 'u1', start: '08:30', end: '09:20' },
  { rank: 2, name: 'u2', start: '09:20', end: '10:10' },
  { rank: 3, name: 'u3', start: '10:30', end: '11:20' },
] as const;

/** Instances the tests refer to by name. */
export const INSTANCE = {
  tuesdayEnglishCancelled: 10_102,
  tuesdayBiologyMoved: 10_107,
  tuesdayDutchSubstitute: 10_106,
  thursdayScienceMovedInTime: 10_305,
  wednesdayMentorExtra: 19_001,
  fridayTestHidden: 19_002,
  fridayWithdrawn: 10_403,
  fridayDoubleGym: 19_003,
  wednesdayDutch: 10_201,
} as const;

interface Planned {
  instance: number;
  day: number;
  slot: 1 | 2 | 3;
  toSlot?: 1 | 2 | 3;
  subject: string;
  group: string;
  teacher: string;
  room: string;
  type?: string;
}

/** The regular week: per weekday (0 = Monday) and slot. Instances: 10_000 + 100 × day + n for the first week. */
function regularWeek(): Omit<Planned, 'instance'>[] {
  const out: Omit<Planned, 'instance'>[] = [];
  for (let day = 0; day < 5; day++) {
    out.push(
      { day, slot: 1, subject: 'ne', group: '1A', teacher: 'BKR', room: 'A1.01' },
      { day, slot: 1, subject: 'en', group: '1B', teacher: 'JNS', room: 'A1.02' },
      { day, slot: 2, subject: 'wi', group: '1A', teacher: 'JNS', room: 'A1.01' },
      { day, slot: 2, subject: 'en', group: '1B', teacher: 'JNS', room: 'A1.02' },
      { day, slot: 2, subject: 'na', group: '2A', teacher: 'DEV', room: 'B0.10' },
      { day, slot: 3, subject: 'ne', group: '1A', teacher: 'BKR', room: 'A1.01' },
      { day, slot: 3, subject: 'bi', group: '1B', teacher: 'PET', room: 'A1.02' },
    );
  }
  return out;
}

let versionIds = 500_000;

function appointment(p: Planned, monday: string): Record<string, unknown> {
  const date = addDays(monday, p.day);
  const from = SLOTS[p.slot - 1]!;
  const to = SLOTS[(p.toSlot ?? p.slot) - 1]!;
  return {
    id: versionIds++, appointmentInstance: p.instance, start: unix(date, from.start), end: unix(date, to.end),
    startTimeSlot: from.rank, endTimeSlot: to.rank, startTimeSlotName: from.name, endTimeSlotName: to.name,
    type: p.type ?? 'lesson', subjects: [p.subject], teachers: [p.teacher], groups: [p.group], locations: [p.room],
    valid: true, hidden: false, cancelled: false, modified: false, moved: false, new: false, base: true,
    teacherChanged: false, groupChanged: false, locationChanged: false, timeChanged: false,
    changeDescription: '', remark: null, created: PUBLISHED, lastModified: PUBLISHED, branch: 'hoofd', branchOfSchool: 1,
  };
}

/** The superseded version keeps its content; the new one carries the change. */
function changed(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown>[] {
  return [
    { ...base, valid: false, lastModified: CHANGED },
    { ...base, ...patch, id: versionIds++, base: false, modified: true, created: CHANGED, lastModified: CHANGED },
  ];
}

function appointments(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const [w, monday] of [MONDAY, addDays(MONDAY, 7)].entries()) {
    regularWeek().forEach((p, i) => {
      const counter = Math.floor(i / 7) * 100 + (i % 7) + 1;
      const instance = 10_000 * (w + 1) + counter;
      const base = appointment({ ...p, instance }, monday);
      if (instance === INSTANCE.tuesdayEnglishCancelled) {
        out.push(...changed(base, { cancelled: true, changeDescription: 'De les vervalt.', cancelledReason: 'ziekte docent' }));
      } else if (instance === INSTANCE.tuesdayBiologyMoved) {
        out.push(...changed(base, { locations: ['B0.10'], locationChanged: true, changeDescription: 'Het lokaal is gewijzigd (was A1.02).' }));
      } else if (instance === INSTANCE.tuesdayDutchSubstitute) {
        // No description: the substitute shows from comparing with the earlier version.
        out.push(...changed(base, { teachers: ['PET'], teacherChanged: true }));
      } else if (instance === INSTANCE.thursdayScienceMovedInTime) {
        const date = addDays(MONDAY, 3);
        out.push(...changed(base, {
          start: unix(date, SLOTS[2].start), end: unix(date, SLOTS[2].end), startTimeSlot: 3, endTimeSlot: 3, startTimeSlotName: 'u3', endTimeSlotName: 'u3',
          moved: true, timeChanged: true, changeDescription: 'De les is verplaatst.',
        }));
      } else if (instance === INSTANCE.fridayWithdrawn) {
        out.push({ ...base, valid: false, lastModified: CHANGED });
      } else {
        out.push(base);
      }
    });
  }
  out.push(
    { ...appointment({ instance: INSTANCE.wednesdayMentorExtra, day: 2, slot: 3, subject: 'mentor', group: '2A', teacher: 'DEV', room: 'B0.10', type: 'activity' }, MONDAY), new: true, base: false, created: CHANGED, lastModified: CHANGED },
    { ...appointment({ instance: INSTANCE.fridayTestHidden, day: 4, slot: 2, subject: 'toets', group: '2A', teacher: 'DEV', room: 'GYM1' }, MONDAY), hidden: true },
    appointment({ instance: INSTANCE.fridayDoubleGym, day: 4, slot: 1, toSlot: 2, subject: 'lo', group: '2A', teacher: 'DEV', room: 'GYM1' }, MONDAY),
    // A week-long activity: an appointment, but not a lesson any room's sign could show.
    { ...appointment({ instance: 19_004, day: 0, slot: 1, subject: 'werkweek', group: '2A', teacher: 'DEV', room: 'GYM1', type: 'activity' }, addDays(MONDAY, 7)), end: unix(addDays(MONDAY, 11), '16:00') },
  );
  return out;
}

/** The whole portal. A fresh copy every call: servers change it. */
export function zermeloSchool(): ZermeloData {
  return {
    appointments: appointments(),
    locations: [
      // A1.01 is listed for last year and this year; the newer entry wins.
      { id: 1, name: 'A1.01', branchOfSchool: 1, schoolInSchoolYear: 25, courseCapacity: 28 },
      { id: 11, name: 'A1.01', branchOfSchool: 1, schoolInSchoolYear: 26, courseCapacity: 30 },
      { id: 12, name: 'A1.02', branchOfSchool: 1, schoolInSchoolYear: 26, courseCapacity: 30 },
      { id: 13, name: 'B0.10', branchOfSchool: 1, schoolInSchoolYear: 26, courseCapacity: 24 },
      { id: 14, name: 'GYM1', branchOfSchool: 1, schoolInSchoolYear: 26, courseCapacity: 60 },
      { id: 90, name: 'X9.99', branchOfSchool: 9, schoolInSchoolYear: 26, courseCapacity: 20 },
    ],
    groups: [
      { id: 1, name: '1A', extendedName: '1A', isMainGroup: true },
      { id: 2, name: '1B', extendedName: '1B', isMainGroup: true },
      { id: 3, name: '2A', extendedName: '2A', isMainGroup: true },
      { id: 4, name: 'netl1', extendedName: '4v.netl1', isMainGroup: false },
    ],
    users: [
      { code: 'BKR', firstName: 'Bram', prefix: null, lastName: 'Bakker', isEmployee: true, isStudent: false, archived: false },
      { code: 'JNS', firstName: 'Joke', prefix: null, lastName: 'Jansen', isEmployee: true, isStudent: false, archived: false },
      { code: 'PET', firstName: 'Pieter', prefix: 'de', lastName: 'Vries', isEmployee: true, isStudent: false, archived: false },
      { code: 'DEV', firstName: 'Dewi', prefix: null, lastName: 'Visser', isEmployee: true, isStudent: false, archived: false },
      { code: 'OLD', firstName: 'Oud', prefix: null, lastName: 'Collega', isEmployee: true, isStudent: false, archived: true },
      { code: '246810', firstName: 'Sanne', prefix: 'van den', lastName: 'Berg', isEmployee: false, isStudent: true, archived: false },
      { code: '135791', firstName: 'Daan', prefix: null, lastName: 'Çelik', isEmployee: false, isStudent: true, archived: false },
      { code: '111222', firstName: 'Weg', prefix: null, lastName: 'Gegaan', isEmployee: false, isStudent: true, archived: true },
    ],
    announcements: [
      { id: 7, start: unix(MONDAY, '07:00'), end: unix(addDays(MONDAY, 5), '00:00'), title: 'Welkom', text: 'Vandaag <geen> lessen na 16:00 & morgen ook niet.' },
    ],
    schoolYears: [
      { id: 25, name: '2025-2026', schoolName: 'Testschool De Gang', year: 2025, archived: false },
      { id: 26, name: '2026-2027', schoolName: 'Testschool De Gang', year: 2026, archived: false },
    ],
    branches: [
      { id: 1, branch: 'hoofd', name: 'Hoofdgebouw' },
      { id: 9, branch: 'dep', name: 'Dependance' },
    ],
  };
}
