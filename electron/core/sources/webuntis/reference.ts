import type { Group, Holiday, Lesson, Period, Pupil, Room, Subject } from '@shared/domain';
import type { StaffMember, SyncScope } from '../source';
import { personName } from '../common/personName';
import { cleanCode, cleanText, yearOfGroup } from '../common/codes';
import type { UntisElement, UntisHoliday, UntisStudent, UntisTeacher, UntisTimegridDay } from './schemas';
import { untisDate, untisTime } from './untisTime';

/** id → code for one kind of master data (inactive ones too: old lessons may still name them). */
export function namesById(list: readonly { id: number; name: string | number }[] | null): Map<number, string> {
  const out = new Map<number, string>();
  for (const e of list ?? []) {
    const code = cleanCode(e.name);
    if (code !== null) out.set(e.id, code);
  }
  return out;
}

const codesIn = (lessons: readonly Lesson[], pick: (l: Lesson) => readonly string[]) => {
  const out = new Set<string>();
  for (const l of lessons) for (const c of pick(l)) out.add(c);
  return out;
};

export function roomsOf(rooms: readonly UntisElement[], lessons: readonly Lesson[]): Room[] {
  const out = new Map<string, Room>();
  for (const r of rooms) {
    const code = cleanCode(r.name);
    if (code === null || r.active === false || out.has(code)) continue;
    out.set(code, { code, name: cleanText(r.longName, 120) ?? code, building: cleanText(r.building, 40) ?? '', floor: null, kind: 'classroom', capacity: null });
  }
  for (const code of codesIn(lessons, (l) => [...l.rooms, ...l.change.previousRooms])) {
    if (!out.has(code)) out.set(code, { code, name: code, building: '', floor: null, kind: 'classroom', capacity: null });
  }
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function groupsOf(klassen: readonly UntisElement[], lessons: readonly Lesson[]): Group[] {
  const out = new Map<string, Group>();
  for (const k of klassen) {
    const code = cleanCode(k.name);
    if (code === null || k.active === false || out.has(code)) continue;
    out.set(code, { code, name: cleanText(k.longName, 120) ?? code, kind: 'class', year: yearOfGroup(code) });
  }
  for (const code of codesIn(lessons, (l) => l.groups)) if (!out.has(code)) out.set(code, { code, name: code, kind: 'class', year: yearOfGroup(code) });
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function subjectsOf(subjects: readonly UntisElement[] | null, lessons: readonly Lesson[]): Subject[] {
  const out = new Map<string, Subject>();
  for (const s of subjects ?? []) {
    const code = cleanCode(s.name);
    if (code !== null && !out.has(code)) out.set(code, { code, name: cleanText(s.longName, 120) ?? code });
  }
  for (const code of codesIn(lessons, (l) => l.subjects)) if (!out.has(code)) out.set(code, { code, name: code });
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function teachersOf(teachers: readonly UntisTeacher[] | null, lessons: readonly Lesson[], scope: SyncScope): StaffMember[] {
  const out = new Map<string, StaffMember>();
  for (const t of teachers ?? []) {
    const code = cleanCode(t.name);
    if (code === null || t.active === false || out.has(code)) continue;
    out.set(code, { code, name: scope === 'staff' ? personName(t.foreName, t.longName) : null });
  }
  for (const code of codesIn(lessons, (l) => [...l.teachers, ...l.change.previousTeachers])) if (!out.has(code)) out.set(code, { code, name: null });
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** Pupils (staff scope only) by their number: the external key, else a numeric login name. Consent is the school's to record. */
export function pupilsOf(students: readonly UntisStudent[] | null): Pupil[] {
  const out = new Map<string, Pupil>();
  for (const s of students ?? []) {
    const number = [s.key, s.name].map((v) => (v == null ? '' : String(v).trim())).find((v) => /^\d{3,10}$/.test(v));
    const name = personName(s.foreName, s.longName);
    if (number === undefined || name === null || out.has(number)) continue;
    out.set(number, { ...name, number, photoConsent: false, groups: [] });
  }
  return [...out.values()];
}

export function holidaysOf(holidays: readonly UntisHoliday[] | null): Holiday[] {
  const out: Holiday[] = [];
  for (const h of holidays ?? []) {
    const from = untisDate(h.startDate);
    const to = untisDate(h.endDate);
    if (from === null || to === null || to < from) continue;
    out.push({ name: cleanText(h.longName, 120) ?? cleanText(h.name == null ? null : String(h.name), 120) ?? 'Vakantie', from, to });
  }
  return out;
}

/** The bell schedule from the time grid: the school day with the most lesson hours (usually every weekday alike). */
export function periodsOf(grid: readonly UntisTimegridDay[] | null): Period[] {
  const days = [...(grid ?? [])].sort((a, b) => b.timeUnits.length - a.timeUnits.length || a.day - b.day);
  const units = [...(days[0]?.timeUnits ?? [])].sort((a, b) => String(untisTime(a.startTime)).localeCompare(String(untisTime(b.startTime))));
  const names = units.map((u) => cleanText(u.name == null ? null : String(u.name), 20));
  // Many servers name every unit "0" or nothing: then the hours are simply numbered.
  const named = names.every((n) => n !== null) && new Set(names).size === names.length;
  const periods: Period[] = [];
  units.slice(0, 20).forEach((u, i) => {
    const start = untisTime(u.startTime);
    const end = untisTime(u.endTime);
    if (start === null || end === null || !(end > start)) return;
    periods.push({ number: i + 1, name: named ? names[i]! : String(i + 1), start, end });
  });
  return periods;
}

export { personName };
