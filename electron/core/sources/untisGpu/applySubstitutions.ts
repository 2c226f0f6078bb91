import type { Lesson, LessonKind } from '@shared/domain';
import { daysBetween, localDateOf, localTimeOf, weekdayOf } from '@shared/timetable/zonedTime';
import { changeText } from '../common/changeText';
import type { SubstitutionRow } from './gpuRecords';
import type { PeriodGrid } from './periodGrid';
import { gpuLessonId, periodTimes, type RegularLesson } from './regularLessons';
import type { GpuWindow } from './schoolWeeks';
import { isOffInSlot, substitutionKind, type SubstitutionKind } from './substitutionKind';

export interface SubstitutionStats {
  /** Substitution lines that changed at least one lesson. */
  applied: number;
  /** Lessons that exist only through a substitution (an extra lesson, one moved here, an exam). */
  added: number;
  /** Lines with nothing to change: break supervision, a cancelled lesson not in the timetable, outside the window. */
  ignored: number;
}

const WEEKDAYS = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'];
const when = (ms: number, zone: string) => {
  const date = localDateOf(ms, zone);
  return `${WEEKDAYS[weekdayOf(date) - 1]} ${date.slice(8, 10)}-${date.slice(5, 7)} ${localTimeOf(ms, zone)}`;
};

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const slotKey = (date: string, period: number, lessonNo: number) => `${date}|${period}|${lessonNo}`;

/** Of several lessons in the slot (a coupled lesson), those the line is about: its subject, teacher or room. */
function narrow(candidates: readonly Lesson[], row: SubstitutionRow): readonly Lesson[] {
  if (candidates.length <= 1) return candidates;
  const hit = candidates.filter((l) => (row.subject !== null && l.subjects.includes(row.subject))
    || (row.absentTeacher !== null && l.teachers.includes(row.absentTeacher))
    || row.rooms.some((r) => l.rooms.includes(r)));
  return hit.length > 0 ? hit : candidates;
}

/** A substitute teacher, another room, subject or classes, an exam: what the line changes in a lesson that is held. */
function changeHeld(lesson: Lesson, row: SubstitutionRow, kind: SubstitutionKind): void {
  const change = lesson.change;
  const substitute = row.substituteTeacher;
  if (substitute !== null && substitute !== row.absentTeacher) {
    const absent = row.absentTeacher;
    const before = lesson.teachers;
    const after = absent !== null && before.includes(absent) ? before.map((t) => (t === absent ? substitute : t)) : [substitute];
    const unique = [...new Set(after)].slice(0, 10);
    if (!sameSet(unique, before)) {
      change.previousTeachers = [...new Set([...change.previousTeachers, ...before.filter((t) => !unique.includes(t))])].slice(0, 10);
      lesson.teachers = unique;
    }
  }
  if (row.substituteRooms.length > 0 && !sameSet(row.substituteRooms, lesson.rooms)) {
    if (change.previousRooms.length === 0) change.previousRooms = lesson.rooms.filter((r) => !row.substituteRooms.includes(r)).slice(0, 10);
    lesson.rooms = row.substituteRooms.slice(0, 10);
  }
  if (row.substituteSubject !== null && !lesson.subjects.includes(row.substituteSubject)) lesson.subjects = [row.substituteSubject];
  if (row.substituteClasses.length > 0 && !sameSet(row.substituteClasses, lesson.groups)) lesson.groups = row.substituteClasses.slice(0, 60);
  if (kind.exam) lesson.kind = 'exam';
}

/**
 * "Moved" comes as two lines with the same lesson number: one at the old slot (bit 3, Wegverlegung) and one at
 * the new slot (bit 7, Hinverlegung). Paired, the new lesson knows where it came from and the old slot says
 * where it went.
 */
function pairMoves(rows: readonly SubstitutionRow[], kinds: Map<SubstitutionRow, SubstitutionKind>): Map<SubstitutionRow, SubstitutionRow> {
  const pairs = new Map<SubstitutionRow, SubstitutionRow>();
  const away = rows.filter((r) => kinds.get(r)!.movedAway && r.lessonNo !== null);
  const taken = new Set<SubstitutionRow>();
  for (const here of rows) {
    if (!kinds.get(here)!.movedHere || here.lessonNo === null) continue;
    let best: SubstitutionRow | null = null;
    for (const candidate of away) {
      if (taken.has(candidate) || candidate.lessonNo !== here.lessonNo) continue;
      if (!best || Math.abs(daysBetween(candidate.date, here.date)) < Math.abs(daysBetween(best.date, here.date))) best = candidate;
    }
    if (best) {
      taken.add(best);
      pairs.set(here, best);
      pairs.set(best, here);
    }
  }
  return pairs;
}

/**
 * GPU014 laid over the regular lessons of the window: each line finds its lesson by date, period and lesson
 * number, and changes it as its type bits say. Lines that find no lesson and are not cancellations become lessons
 * of their own (an extra lesson, a lesson moved here, an exam).
 */
export function applySubstitutions(o: { regular: RegularLesson[]; rows: readonly SubstitutionRow[]; grid: PeriodGrid; window: GpuWindow; zone: string }): {
  lessons: Lesson[];
  stats: SubstitutionStats;
} {
  const stats: SubstitutionStats = { applied: 0, added: 0, ignored: 0 };
  const bySlot = new Map<string, Lesson[]>();
  for (const { lessonNo, lesson } of o.regular) {
    const key = slotKey(lesson.day, lesson.periodFrom ?? -1, lessonNo);
    let list = bySlot.get(key);
    if (!list) bySlot.set(key, (list = []));
    list.push(lesson);
  }
  const rows = o.rows
    .filter((r) => r.date >= o.window.from && r.date <= o.window.to)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.period - b.period || a.substitutionNo - b.substitutionNo));
  stats.ignored += o.rows.length - rows.length;
  const kinds = new Map(rows.map((r) => [r, substitutionKind(r.typeBits, r.kindLetter)]));
  const pairs = pairMoves(rows, kinds);
  const startOf = (row: SubstitutionRow) => periodTimes(o.grid, row.date, weekdayOf(row.date), row.period, o.zone)?.start ?? null;
  const texts = new Map<Lesson, string[]>();
  const note = (lesson: Lesson, text: string | null) => {
    if (text === null) return;
    const list = texts.get(lesson) ?? [];
    if (!list.includes(text)) list.push(text);
    texts.set(lesson, list);
  };
  // Keyed by id: Untis may repeat a substitution number over several lines (one per class); they are one lesson.
  const added = new Map<string, Lesson>();

  for (const row of rows) {
    const kind = kinds.get(row)!;
    if (kind.breakSupervision) {
      stats.ignored++;
      continue;
    }
    const candidates = row.lessonNo === null ? [] : narrow(bySlot.get(slotKey(row.date, row.period, row.lessonNo)) ?? [], row);
    const partner = pairs.get(row);
    if (candidates.length > 0) {
      stats.applied++;
      for (const lesson of candidates) {
        if (isOffInSlot(kind)) {
          lesson.change.cancelled = true;
          const to = kind.movedAway && partner ? startOf(partner) : null;
          // Moved to another day: the old slot says where it went, on the kiosk too (leftSlot.ts).
          if (to !== null && partner && partner.date !== row.date) {
            lesson.change.movedTo = {
              start: to,
              periodFrom: partner.period,
              rooms: (partner.substituteRooms.length > 0 ? partner.substituteRooms : partner.rooms).slice(0, 10),
            };
          }
          note(lesson, row.text ?? (kind.movedAway ? (to !== null ? `Verplaatst naar ${when(to, o.zone)}.` : 'Verplaatst naar een ander uur.') : null));
        } else {
          changeHeld(lesson, row, kind);
          note(lesson, row.text);
        }
      }
      continue;
    }
    const hasPlace = row.substituteRooms.length > 0 || row.rooms.length > 0 || row.classes.length > 0 || row.substituteClasses.length > 0;
    const times = periodTimes(o.grid, row.date, weekdayOf(row.date), row.period, o.zone);
    if (isOffInSlot(kind) || !hasPlace || !times) {
      stats.ignored++;
      continue;
    }
    const from = kind.movedHere && partner ? startOf(partner) : null;
    const kindOf: LessonKind = kind.exam ? 'exam' : kind.specialDuty ? 'activity' : 'lesson';
    const teacher = row.substituteTeacher ?? row.absentTeacher;
    const subject = row.substituteSubject ?? row.subject;
    const lesson: Lesson = {
      id: gpuLessonId(['v', row.substitutionNo, row.date, row.period]),
      start: times.start,
      end: times.end,
      day: row.date,
      periodFrom: row.period,
      periodTo: row.period,
      kind: kindOf,
      subjects: subject ? [subject] : [],
      groups: (row.substituteClasses.length > 0 ? row.substituteClasses : row.classes).slice(0, 60),
      teachers: teacher ? [teacher] : [],
      rooms: (row.substituteRooms.length > 0 ? row.substituteRooms : row.rooms).slice(0, 10),
      change: { cancelled: false, added: from === null, previousRooms: [], previousTeachers: [], previousStart: from, movedTo: null, description: null },
      remark: null,
    };
    const same = added.get(lesson.id);
    if (same) {
      same.groups = [...new Set([...same.groups, ...lesson.groups])].slice(0, 60);
      same.rooms = [...new Set([...same.rooms, ...lesson.rooms])].slice(0, 10);
      same.teachers = [...new Set([...same.teachers, ...lesson.teachers])].slice(0, 10);
      note(same, row.text);
      continue;
    }
    note(lesson, row.text);
    added.set(lesson.id, lesson);
    stats.added++;
  }

  const all = [...o.regular.map((r) => r.lesson), ...added.values()];
  for (const lesson of all) {
    const own = texts.get(lesson);
    lesson.change.description = (own && own.length > 0 ? own.join(' ') : changeText(lesson.change, o.zone))?.slice(0, 500) ?? null;
  }
  return { lessons: all.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1)), stats };
}
