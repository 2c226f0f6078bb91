import type { Announcement, Group, Lesson, PersonName, Pupil, Room, Subject } from '@shared/domain';
import type { StaffMember, SyncScope } from '../source';
import { cleanCode, cleanText, escapeHtml, yearOfGroup } from '../common/codes';
import type { ZermeloAnnouncement, ZermeloBranch, ZermeloGroup, ZermeloLocation, ZermeloSchoolYear, ZermeloUser } from './schemas';

/*
 * Rooms, groups, staff, pupils and announcements from Zermelo's lists. Each list may be missing (not granted):
 * then what the lessons name stands in, so a kiosk can still show every room that has lessons.
 */

const codesIn = (lessons: readonly Lesson[], pick: (l: Lesson) => readonly string[]) => {
  const out = new Set<string>();
  for (const l of lessons) for (const c of pick(l)) out.add(c);
  return out;
};

const bareRoom = (code: string): Room => ({ code, name: code, building: '', floor: null, kind: 'classroom', capacity: null });

export function roomsOf(
  locations: readonly ZermeloLocation[] | null,
  branches: readonly ZermeloBranch[] | null,
  branch: string | undefined,
  lessons: readonly Lesson[],
): Room[] {
  const branchIds = branch && branches ? new Set(branches.filter((b) => b.branch?.toLowerCase() === branch.toLowerCase()).map((b) => b.id)) : null;
  // A room is listed once per school year; the newest year's entry wins.
  const best = new Map<string, { room: Room; rank: number }>();
  for (const loc of locations ?? []) {
    if (branchIds && branchIds.size > 0 && loc.branchOfSchool != null && !branchIds.has(loc.branchOfSchool)) continue;
    const code = cleanCode(loc.name);
    if (code === null) continue;
    const rank = loc.schoolInSchoolYear ?? loc.id ?? 0;
    const seen = best.get(code);
    if (seen && seen.rank >= rank) continue;
    const capacity = loc.courseCapacity != null && loc.courseCapacity >= 0 && loc.courseCapacity <= 5000 ? loc.courseCapacity : null;
    best.set(code, { room: { ...bareRoom(code), capacity }, rank });
  }
  const rooms = [...best.values()].map((b) => b.room);
  for (const code of codesIn(lessons, (l) => [...l.rooms, ...l.change.previousRooms])) if (!best.has(code)) rooms.push(bareRoom(code));
  return rooms.sort((a, b) => a.code.localeCompare(b.code));
}

const groupKind = (code: string, isMainGroup: boolean | null | undefined): Group['kind'] =>
  isMainGroup === true ? 'class' : isMainGroup === false ? 'cluster' : code.includes('.') ? 'cluster' : 'class';

export function groupsOf(groups: readonly ZermeloGroup[] | null, lessons: readonly Lesson[]): Group[] {
  const used = codesIn(lessons, (l) => l.groups);
  const out = new Map<string, Group>();
  for (const g of groups ?? []) {
    const extended = cleanCode(g.extendedName);
    const short = cleanCode(g.name);
    // Appointments name a group by one of the two; use the one they use, so lessons and groups meet.
    const code = [extended, short].find((c) => c !== null && used.has(c)) ?? extended ?? short;
    if (code === null || out.has(code)) continue;
    out.set(code, { code, name: cleanText(g.extendedName ?? g.name, 120) ?? code, kind: groupKind(code, g.isMainGroup), year: yearOfGroup(code) });
  }
  for (const code of used) if (!out.has(code)) out.set(code, { code, name: code, kind: groupKind(code, null), year: yearOfGroup(code) });
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
}

function personName(u: ZermeloUser): PersonName | null {
  const firstName = cleanText(u.firstName, 80);
  const lastName = cleanText(u.lastName, 80);
  if (firstName === null || lastName === null) return null;
  return { firstName, prefix: cleanText(u.prefix, 20), lastName };
}

/** Staff by abbreviation; names only in staff scope (kiosks do not even ask for them). */
export function teachersOf(employees: readonly ZermeloUser[] | null, lessons: readonly Lesson[], scope: SyncScope): StaffMember[] {
  const out = new Map<string, StaffMember>();
  for (const u of employees ?? []) {
    if (u.isEmployee === false || u.archived === true) continue;
    const code = cleanCode(u.code);
    if (code === null || out.has(code)) continue;
    out.set(code, { code, name: scope === 'staff' ? personName(u) : null });
  }
  for (const code of codesIn(lessons, (l) => [...l.teachers, ...l.change.previousTeachers])) if (!out.has(code)) out.set(code, { code, name: null });
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * Pupils (staff scope only): Zermelo's user code is the leerlingnummer. Photo consent is not Zermelo's to give:
 * false until the school records it. Group membership is not in the users list.
 */
export function pupilsOf(users: readonly ZermeloUser[] | null): Pupil[] {
  const out = new Map<string, Pupil>();
  for (const u of users ?? []) {
    if (u.isStudent === false || u.archived === true) continue;
    const number = String(u.code).trim();
    const name = personName(u);
    if (!/^\d{3,10}$/.test(number) || name === null || out.has(number)) continue;
    out.set(number, { ...name, number, photoConsent: false, groups: [] });
  }
  return [...out.values()];
}

export function subjectsOf(lessons: readonly Lesson[]): Subject[] {
  return [...codesIn(lessons, (l) => l.subjects)].sort().map((code) => ({ code, name: code }));
}

/** Zermelo's announcements are plain text; the domain's body is restricted HTML, so the text is escaped into a paragraph. */
export function announcementsOf(list: readonly ZermeloAnnouncement[] | null): Announcement[] {
  const out: Announcement[] = [];
  for (const a of list ?? []) {
    if (!(a.end > a.start)) continue;
    let text = cleanText(a.text, 4000) ?? '';
    let body = `<p>${escapeHtml(text)}</p>`;
    // Escaping can lengthen the text several times over; shorten until it fits the domain's 5000 characters.
    while (body.length > 5000) {
      text = text.slice(0, Math.floor(text.length * 0.8));
      body = `<p>${escapeHtml(text)}</p>`;
    }
    out.push({
      id: `zermelo:${a.id}`, title: cleanText(a.title, 200) ?? 'Mededeling', body: text === '' ? '' : body,
      start: a.start * 1000, end: a.end * 1000, audience: [], priority: 0, emergency: false,
    });
  }
  return out;
}

/** The school's name from its newest school year, else the portal's address. */
export function schoolNameOf(years: readonly ZermeloSchoolYear[] | null, portal: string): string {
  const newest = [...(years ?? [])].filter((y) => y.archived !== true).sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || (b.id ?? 0) - (a.id ?? 0))[0];
  return cleanText(newest?.schoolName, 120) ?? cleanText(newest?.name, 120) ?? `${portal}.zportal.nl`;
}
