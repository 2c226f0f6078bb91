import { addDays, instantAt } from '@shared/timetable/zonedTime';
import { mulberry32 } from '../../../demo/random';
import { reviseAppointment, type ZermeloData } from './zermeloServer';

export interface LargeSchoolOptions {
  monday: string;
  weeks: number;
  rooms?: number;
  zone?: string;
  seed?: number;
}

/** Eight 45-minute lesson hours with the breaks a Dutch school day has. */
const SLOTS = [['08:30', '09:15'], ['09:15', '10:00'], ['10:20', '11:05'], ['11:05', '11:50'], ['12:20', '13:05'], ['13:05', '13:50'], ['14:00', '14:45'], ['14:45', '15:30']] as const;
const SUBJECTS = ['ne', 'en', 'wi', 'na', 'sk', 'bi', 'gs', 'ak', 'du', 'fa', 'lo', 'ckv', 'econ', 'inf', 'mu'];

/**
 * A secondary school of realistic size for the incremental-sync benchmark, as its Zermelo portal holds it: by
 * default 150 rooms at about three quarters occupancy, 8 lesson hours, 180 groups, 160 staff, and a few percent of
 * appointments already changed once (so versions are in the data from the start).
 */
export function largeZermeloSchool(o: LargeSchoolOptions): ZermeloData {
  const zone = o.zone ?? 'Europe/Amsterdam';
  const random = mulberry32(o.seed ?? 2026);
  const rooms = Array.from({ length: o.rooms ?? 150 }, (_, i) => `${'ABCDE'[i % 5]}${Math.floor(i / 50)}.${String((i % 50) + 1).padStart(2, '0')}`);
  const groups = Array.from({ length: 180 }, (_, i) => `${(i % 6) + 1}${['h', 'v', 'm'][i % 3]}.${SUBJECTS[i % SUBJECTS.length]}${Math.floor(i / 18) + 1}`);
  const teachers = Array.from({ length: 160 }, (_, i) => `T${String(i).padStart(3, '0')}`);
  const published = Math.floor(instantAt(addDays(o.monday, -30), '12:00', zone) / 1000);
  const appointments: Record<string, unknown>[] = [];
  let id = 1;
  let instance = 1;
  for (let w = 0; w < o.weeks; w++) {
    for (let d = 0; d < 5; d++) {
      const date = addDays(o.monday, 7 * w + d);
      SLOTS.forEach(([from, to], s) => {
        for (const room of rooms) {
          if (random() > 0.75) continue;
          const subject = SUBJECTS[Math.floor(random() * SUBJECTS.length)]!;
          appointments.push({
            id: id++, appointmentInstance: instance++,
            start: Math.floor(instantAt(date, from, zone) / 1000), end: Math.floor(instantAt(date, to, zone) / 1000),
            startTimeSlot: s + 1, endTimeSlot: s + 1, startTimeSlotName: `u${s + 1}`, endTimeSlotName: `u${s + 1}`,
            type: 'lesson', subjects: [subject], teachers: [teachers[Math.floor(random() * teachers.length)]!],
            groups: [groups[Math.floor(random() * groups.length)]!], locations: [room],
            valid: true, hidden: false, cancelled: false, modified: false, moved: false, new: false, base: true,
            teacherChanged: false, groupChanged: false, locationChanged: false, timeChanged: false,
            changeDescription: '', remark: null, created: published, lastModified: published, branch: 'hoofd', branchOfSchool: 1,
          });
        }
      });
    }
  }
  const data: ZermeloData = {
    appointments,
    locations: rooms.map((name, i) => ({ id: i + 1, name, branchOfSchool: 1, schoolInSchoolYear: 26, courseCapacity: 30 })),
    groups: groups.map((name, i) => ({ id: i + 1, name: name.split('.')[1], extendedName: name, isMainGroup: false })),
    users: teachers.map((code) => ({ code, isEmployee: true, isStudent: false, archived: false })),
    announcements: [],
    schoolYears: [{ id: 26, name: '2026-2027', schoolName: 'Benchmarkschool', year: 2026, archived: false }],
    branches: [],
  };
  // Some changes made over the day before the first sync: the portal holds versions from the start.
  changeSome(data, 0.03, { from: published + 3600, to: published + 86_400 }, random);
  return data;
}

/**
 * Changes a share of the valid appointments the way schedulers do (another room, a substitute, a cancellation),
 * each as a new version, the edits spread evenly over `during` (Unix s), as a day's work is. Returns the changed instances.
 */
export function changeSome(data: ZermeloData, share: number, during: { from: number; to: number }, random: () => number = mulberry32(7)): number[] {
  const valid = data.appointments.filter((a) => a.valid !== false);
  const count = Math.round(valid.length * share);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(valid[Math.floor(random() * valid.length)]!.appointmentInstance as number);
  const rooms = data.locations.map((l) => l.name as string);
  let n = 0;
  for (const instance of picked) {
    const kind = n++ % 3;
    const patch = kind === 0
      ? { locations: [rooms[Math.floor(random() * rooms.length)]], locationChanged: true }
      : kind === 1 ? { teachers: ['T999'], teacherChanged: true } : { cancelled: true };
    const at = during.from + Math.floor(((during.to - during.from) * n) / picked.size);
    reviseAppointment(data, instance, patch, at);
  }
  return [...picked];
}
