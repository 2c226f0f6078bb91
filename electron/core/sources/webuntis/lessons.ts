import type { Lesson, LessonKind } from '@shared/domain';
import { instantAt, weekdayOf } from '@shared/timetable/zonedTime';
import { cleanCode, cleanText } from '../common/codes';
import type { UntisPeriod, UntisRef, UntisSubstitution, UntisTimegridDay } from './schemas';
import { untisDate, untisMinutes } from './untisTime';

/** id → code, per element type, from the master data. */
export interface ElementNames {
  klassen: Map<number, string>;
  teachers: Map<number, string>;
  subjects: Map<number, string>;
  rooms: Map<number, string>;
}

/** Office hours show as "other"; standby and break supervision are duties, not something a room holds. */
const KINDS = new Map<string, LessonKind | null>([['ls', 'lesson'], ['ex', 'exam'], ['oh', 'other'], ['sb', null], ['bs', null]]);

const MAX_LESSON_MINUTES = 12 * 60;

/** WebUntis's day numbers start on Sunday (1) and end on Saturday (7). */
export const untisDayOf = (date: string) => (weekdayOf(date) % 7) + 1;

/** The code of an element: the name the server sent inline, else the master data's. */
function nameOf(ref: UntisRef, names: Map<number, string>): string | null {
  return cleanCode(ref.name) ?? (ref.id != null ? names.get(ref.id) ?? null : null);
}

function originalOf(ref: UntisRef, names: Map<number, string>): string | null {
  if (ref.orgid == null || ref.orgid === ref.id) return null;
  return cleanCode(ref.orgname) ?? names.get(ref.orgid) ?? null;
}

/** Current and (for substitutions and room changes) original codes of one kind of element. */
export function elementsOf(refs: readonly UntisRef[] | null | undefined, names: Map<number, string>, max: number): { now: string[]; before: string[] } {
  const now: string[] = [];
  const before: string[] = [];
  for (const ref of refs ?? []) {
    // A ref without a current id (0) and with an orgid: the element was taken away (a teacher absent, no substitute).
    const current = ref.id ? nameOf(ref, names) : null;
    if (current !== null && !now.includes(current) && now.length < max) now.push(current);
    const original = originalOf(ref, names);
    if (original !== null && !before.includes(original) && before.length < max) before.push(original);
  }
  return { now, before: before.filter((c) => !now.includes(c)) };
}

/** Lesson hours per Untis day: the grid unit a period starts in and the one it ends in. */
export function periodNumbers(grid: readonly UntisTimegridDay[] | null) {
  const byDay = new Map<number, { start: number; end: number }[]>();
  for (const day of grid ?? []) {
    const units = day.timeUnits.map((u) => ({ start: untisMinutes(u.startTime)!, end: untisMinutes(u.endTime)! })).sort((a, b) => a.start - b.start);
    byDay.set(day.day, units);
  }
  return (date: string, start: number, end: number) => {
    const units = byDay.get(untisDayOf(date)) ?? [];
    const from = units.findIndex((u) => u.start === start);
    const to = units.findIndex((u) => u.end === end);
    const periodFrom = from >= 0 && from < 20 ? from + 1 : null;
    const periodTo = to >= 0 && to < 20 ? to + 1 : periodFrom;
    return { periodFrom, periodTo: periodFrom !== null && periodTo !== null && periodTo < periodFrom ? periodFrom : periodTo };
  };
}

/** The text of the substitution for a period (same date and start, sharing a class or a room), if the account may see them. */
export function substitutionTexts(subs: readonly UntisSubstitution[] | null) {
  const byStart = new Map<string, UntisSubstitution[]>();
  for (const s of subs ?? []) {
    const key = `${untisDate(s.date)} ${untisMinutes(s.startTime)}`;
    const list = byStart.get(key);
    if (list) list.push(s);
    else byStart.set(key, [s]);
  }
  const ids = (refs: readonly UntisRef[] | null | undefined) => new Set((refs ?? []).flatMap((r) => [r.id, r.orgid]).filter((x): x is number => typeof x === 'number' && x > 0));
  return (p: UntisPeriod): { text: string | null; cancelled: boolean } => {
    const candidates = byStart.get(`${untisDate(p.date)} ${untisMinutes(p.startTime)}`) ?? [];
    const klassen = ids(p.kl);
    const rooms = ids(p.ro);
    const match = candidates.find((s) => [...ids(s.kl)].some((k) => klassen.has(k)) || [...ids(s.ro)].some((r) => rooms.has(r)));
    return { text: cleanText(match?.txt ?? match?.text, 500), cancelled: match?.type === 'cancel' };
  };
}

const mergeRefs = (a: UntisRef[] | null | undefined, b: UntisRef[] | null | undefined): UntisRef[] => {
  const out = [...(a ?? [])];
  for (const ref of b ?? []) if (!out.some((r) => r.id === ref.id && r.orgid === ref.orgid)) out.push(ref);
  return out;
};

/** One period per id: a lesson shows in its room's and its class's timetable; their element lists are joined. */
export function mergePeriods(lists: Iterable<readonly UntisPeriod[]>): UntisPeriod[] {
  const byId = new Map<number, UntisPeriod>();
  for (const list of lists) {
    for (const p of list) {
      const seen = byId.get(p.id);
      if (!seen) byId.set(p.id, p);
      else byId.set(p.id, { ...seen, kl: mergeRefs(seen.kl, p.kl), te: mergeRefs(seen.te, p.te), su: mergeRefs(seen.su, p.su), ro: mergeRefs(seen.ro, p.ro) });
    }
  }
  return [...byId.values()];
}

export interface PeriodContext {
  zone: string;
  from: string;
  to: string;
  names: ElementNames;
  numbers: ReturnType<typeof periodNumbers>;
  substitution: ReturnType<typeof substitutionTexts>;
}

/**
 * A period as a lesson: `code` cancelled/irregular and the `orgid`s say what changed. Null for what is not a lesson a
 * room holds (duties, impossible times, days outside the window).
 */
export function lessonOfPeriod(p: UntisPeriod, c: PeriodContext): Lesson | null {
  const type = p.lstype ?? 'ls';
  const kind: LessonKind | null = KINDS.has(type) ? (KINDS.get(type) ?? null) : 'other';
  if (kind === null) return null;
  const day = untisDate(p.date);
  const startMin = untisMinutes(p.startTime);
  const endMin = untisMinutes(p.endTime);
  if (day === null || startMin === null || endMin === null || day < c.from || day > c.to) return null;
  if (!(endMin > startMin) || endMin - startMin > MAX_LESSON_MINUTES) return null;
  const teachers = elementsOf(p.te, c.names.teachers, 10);
  const rooms = elementsOf(p.ro, c.names.rooms, 10);
  const subjects = elementsOf(p.su, c.names.subjects, 10);
  const groups = elementsOf(p.kl, c.names.klassen, 60);
  const substitution = c.substitution(p);
  const anyOriginal = teachers.before.length + rooms.before.length + subjects.before.length + groups.before.length > 0;
  return {
    id: `webuntis:${p.id}`,
    start: instantAt(day, startMin, c.zone),
    end: instantAt(day, endMin, c.zone),
    day,
    ...c.numbers(day, startMin, endMin),
    kind,
    subjects: subjects.now,
    groups: groups.now,
    teachers: teachers.now,
    rooms: rooms.now,
    change: {
      cancelled: p.code === 'cancelled' || substitution.cancelled,
      // Irregular with nothing replaced: a lesson that is not in the regular timetable.
      added: p.code === 'irregular' && !anyOriginal,
      previousRooms: rooms.before,
      previousTeachers: teachers.before,
      previousStart: null,
      movedTo: null,
      description: cleanText(p.substText, 500) ?? substitution.text,
    },
    remark: cleanText(p.lstext, 500) ?? cleanText(p.info, 500),
  };
}
