import { createHash } from 'node:crypto';
import type { Holiday, Lesson } from '@shared/domain';
import { localDateOf } from '@shared/timetable/zonedTime';
import type { Snapshot, StaffMember, SyncScope } from '../source';
import { personNameFromFull } from '../common/personName';
import { isFullName, type TeacherCodeRule, teacherCodesFor } from '../common/teacherCodes';
import { movedDay } from '../common/leftSlot';
import { changeText } from '../common/changeText';
import type { EventFacts } from './eventFacts';
import type { FeedConfig } from './feedAddress';
import { RuleSet, toCode } from '../common/fieldRules';
import { groupFromCode, roomFromCode, subjectFromCode } from '../common/namedCodes';
import type { AllDayOccurrence, Expanded, TimedOccurrence } from './occurrences';
import type { SyncWindow } from './syncWindow';

export interface ExpandedFeed {
  config: FeedConfig;
  expanded: Expanded[];
}

export interface SnapshotStats {
  lessons: number;
  /** Occurrences found in more than one feed (or twice in one) and kept once. */
  duplicates: number;
  /** Timed events longer than 12 hours or without length: not lessons. */
  notLessons: number;
  holidays: number;
  /** All-day events that do not look like days off (a test week, a sports day): not shown. */
  allDaySkipped: number;
  /** Teachers the feeds name in full, and the code screens show them by (teacherCodes.ts). */
  teacherCodes: Array<{ name: string; code: string }>;
}

export interface IcalSnapshotOptions {
  window: SyncWindow;
  zone: string;
  schoolName: string;
  daysOffCategory?: string;
  /** The administrator's codes for teachers the feeds name in full. */
  teacherCodes?: readonly TeacherCodeRule[];
  /** Names are kept for staff PCs only. */
  scope?: SyncScope;
}

/** Full names in teacher fields become codes (the administrator's or initials); staff PCs keep the name beside it. */
function codeTeachers(list: Lesson[], o: IcalSnapshotOptions): { lessons: Lesson[]; teachers: StaffMember[]; codes: SnapshotStats['teacherCodes'] } {
  const named = new Set<string>();
  const plain = new Set<string>();
  for (const lesson of list) for (const t of [...lesson.teachers, ...lesson.change.previousTeachers]) (isFullName(t) ? named : plain).add(t);
  const codeOf = teacherCodesFor(named, o.teacherCodes ?? [], plain);
  const recode = (codes: readonly string[]) => [...new Set(codes.map((t) => codeOf.get(t) ?? t))];
  const lessons =
    named.size === 0
      ? list
      : list.map((l) => ({ ...l, teachers: recode(l.teachers), change: { ...l.change, previousTeachers: recode(l.change.previousTeachers) } }));
  const teachers = new Map<string, StaffMember>([...plain].map((code) => [code, { code, name: null }]));
  for (const [name, code] of codeOf) teachers.set(code, { code, name: o.scope === 'staff' ? personNameFromFull(name) : null });
  const byCode = (a: StaffMember, b: StaffMember) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  return { lessons, teachers: [...teachers.values()].sort(byCode), codes: [...codeOf].map(([name, code]) => ({ name, code })).sort((a, b) => a.name.localeCompare(b.name, 'nl')) };
}

/**
 * The kiosk header shows the school's name. A feed's X-WR-CALNAME names a calendar ("Rooster 3B", or worse), not
 * the school; until the settings have a name, the one the core falls back to when a cache has none.
 */
export const ICAL_SCHOOL_NAME = 'Gangbord';

const MAX_LESSON_MS = 12 * 3_600_000;
const ID_MAX = 120;

/*
 * All-day events are not lessons (a kiosk cannot show "now" for a whole day, and the engine refuses lessons over
 * 12 hours). They are days off only where the school says its calendar is: a feed the administrator marked as the
 * school's calendar, or a category named for it. Anything else all-day (an excursion, a room booked for a day, a
 * test week), whatever its name, is left out: a day off switches screens off, and a wrong one darkens a school day.
 */
function isDayOff(facts: EventFacts, feed: FeedConfig, daysOffCategory: string | undefined): boolean {
  if (feed.daysOff) return true;
  const wanted = daysOffCategory?.toLowerCase();
  return wanted !== undefined && facts.categories.some((c) => c.trim().toLowerCase() === wanted);
}

function minuteStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace(/[-:]/g, '') + 'Z';
}

/** UID + planned start: the same lesson keeps its id through a move, a room change and a re-sync. */
export function lessonId(uid: string, originalStart: number): string {
  const stamp = minuteStamp(originalStart);
  const id = `${uid}|${stamp}`;
  if (id.length <= ID_MAX && toCode(uid) === uid) return id;
  return `h:${createHash('sha256').update(uid).digest('base64url').slice(0, 32)}|${stamp}`;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const union = (a: readonly string[], b: readonly string[], max: number) => [...new Set([...a, ...b])].slice(0, max);

interface Candidate {
  lesson: Lesson;
  sequence: number;
}

function lessonOf(o: TimedOccurrence, feed: FeedConfig, rules: RuleSet, zone: string): Lesson {
  const codes = (facts: EventFacts) => ({
    rooms: rules.codes('room', feed.room ?? { from: 'location' }, facts, 10),
    subjects: rules.codes('subject', feed.subject ?? { from: 'summary' }, facts, 10),
    teachers: rules.codes('teacher', feed.teacher, facts, 10),
    groups: rules.codes('group', feed.group, facts, 60),
  });
  const now = codes(o.facts);
  const before = o.base ? codes(o.base) : null;
  const previousRooms = before && before.rooms.length > 0 && !sameSet(before.rooms, now.rooms) ? before.rooms : [];
  const previousTeachers = before && before.teachers.length > 0 && !sameSet(before.teachers, now.teachers) ? before.teachers : [];
  const previousStart = o.base && o.originalStart !== o.start ? o.originalStart : null;
  return {
    id: lessonId(o.uid, o.originalStart),
    start: o.start,
    end: o.end,
    day: localDateOf(o.start, zone),
    periodFrom: null,
    periodTo: null,
    kind: 'lesson',
    ...now,
    change: {
      cancelled: o.facts.cancelled,
      added: false,
      previousRooms,
      previousTeachers,
      previousStart,
      movedTo: null,
      description: changeText({ previousRooms, previousTeachers, previousStart }, zone),
    },
    // Free text (DESCRIPTION) stays out: kiosks show codes, and a description may name people.
    remark: null,
  };
}

/** The same occurrence from two feeds: the later SEQUENCE wins; equal ones pool what each feed's rules found. */
function merge(a: Candidate, b: Candidate): Candidate {
  if (a.sequence !== b.sequence) return a.sequence > b.sequence ? a : b;
  const x = a.lesson;
  const y = b.lesson;
  return {
    sequence: a.sequence,
    lesson: {
      ...x,
      rooms: union(x.rooms, y.rooms, 10),
      subjects: union(x.subjects, y.subjects, 10),
      teachers: union(x.teachers, y.teachers, 10),
      groups: union(x.groups, y.groups, 60),
      change: { ...x.change, cancelled: x.change.cancelled || y.change.cancelled },
    },
  };
}

function holidayOf(o: AllDayOccurrence): Holiday {
  const name = o.facts.summary.replace(/\s+/g, ' ').trim().slice(0, 120);
  return { name: name === '' ? 'Vrij' : name, from: o.from, to: o.to };
}

/** Every feed's occurrences → one snapshot: lessons de-duplicated by UID + RECURRENCE-ID, lists from the codes used. */
export function icalSnapshot(feeds: readonly ExpandedFeed[], o: IcalSnapshotOptions): { snapshot: Snapshot; stats: SnapshotStats } {
  const stats: SnapshotStats = { lessons: 0, duplicates: 0, notLessons: 0, holidays: 0, allDaySkipped: 0, teacherCodes: [] };
  const lessons = new Map<string, Candidate>();
  const holidays = new Map<string, Holiday>();

  for (const feed of feeds) {
    const rules = new RuleSet(feed.config.name);
    for (const expanded of feed.expanded) {
      for (const occurrence of expanded.timed) {
        const length = occurrence.end - occurrence.start;
        if (!(length > 0 && length <= MAX_LESSON_MS)) {
          stats.notLessons++;
          continue;
        }
        const found = lessonOf(occurrence, feed.config, rules, o.zone);
        // A RECURRENCE-ID instance moved to another day leaves its old slot saying where it went (leftSlot.ts).
        const moved = movedDay(found, (t) => localDateOf(t, o.zone));
        const lesson = moved?.arrived ?? found;
        for (const one of moved ? [lesson, moved.left] : [lesson]) {
          if (one.day < o.window.from || one.day > o.window.to) continue;
          const candidate = { lesson: one, sequence: occurrence.facts.sequence };
          const existing = lessons.get(one.id);
          if (existing && one === lesson) stats.duplicates++;
          lessons.set(one.id, existing ? merge(existing, candidate) : candidate);
        }
      }
      for (const occurrence of expanded.allDay) {
        if (occurrence.facts.cancelled || !isDayOff(occurrence.facts, feed.config, o.daysOffCategory)) {
          stats.allDaySkipped++;
          continue;
        }
        const holiday = holidayOf(occurrence);
        holidays.set(`${holiday.name}\n${holiday.from}\n${holiday.to}`, holiday);
      }
    }
  }

  const sorted = [...lessons.values()].map((c) => c.lesson).sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  const { lessons: list, teachers, codes } = codeTeachers(sorted, o);
  stats.teacherCodes = codes;
  const rooms = new Set<string>();
  const subjects = new Set<string>();
  const groups = new Set<string>();
  for (const lesson of list) {
    for (const r of [...lesson.rooms, ...lesson.change.previousRooms]) rooms.add(r);
    for (const s of lesson.subjects) subjects.add(s);
    for (const g of lesson.groups) groups.add(g);
  }
  stats.lessons = list.length;
  stats.holidays = holidays.size;
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    stats,
    snapshot: {
      kind: 'snapshot',
      school: { name: o.schoolName, zone: o.zone },
      window: { from: o.window.from, to: o.window.to },
      // A feed has times, not lesson hours: no bell schedule to give.
      periods: [],
      rooms: [...rooms].sort(byCode).map(roomFromCode),
      subjects: [...subjects].sort(byCode).map(subjectFromCode),
      groups: [...groups].sort(byCode).map(groupFromCode),
      teachers,
      pupils: [],
      lessons: list,
      announcements: [],
      holidays: [...holidays.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
      cursor: null,
    },
  };
}
