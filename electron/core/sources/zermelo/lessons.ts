import type { Lesson, LessonKind } from '@shared/domain';
import type { LocalDate } from '@shared/domain/time';
import { lessonChange } from './changes';
import { cleanCodes, cleanText } from '../common/codes';
import type { ZermeloAppointment } from './schemas';
import type { AppointmentHistory } from './versions';
import type { ZoneClock } from './zoneClock';
import { movedDay } from '../common/leftSlot';

/** The cache checks this too (checkPayload.ts), for the whole snapshot: a multi-day activity is not a room's lesson. */
const MAX_LESSON_SECONDS = 12 * 3600;

const KINDS = new Map<string, LessonKind>([['lesson', 'lesson'], ['exam', 'exam'], ['activity', 'activity'], ['meeting', 'meeting'], ['talk', 'meeting']]);

export const lessonIdOf = (instance: string) => `zermelo:${instance}`;

/** A lesson hour (0..20) from the slot rank, else from the slot name ("u3" → 3). */
export function slotNumber(rank: number | null | undefined, name: unknown): number | null {
  if (typeof rank === 'number' && Number.isInteger(rank) && rank >= 0 && rank <= 20) return rank;
  const digits = /(\d{1,2})/.exec(typeof name === 'string' || typeof name === 'number' ? String(name) : '');
  const n = digits ? Number(digits[1]) : NaN;
  return n >= 0 && n <= 20 ? n : null;
}

export interface LessonScope {
  clock: ZoneClock;
  from: LocalDate;
  to: LocalDate;
  /** Only this branch's appointments (case-insensitive); appointments that do not say their branch are kept. */
  branch?: string | undefined;
}

/**
 * The lesson an appointment's history stands for, or null when there is none to show: every version superseded,
 * hidden, outside the fetched days, another branch's, or not a lesson a room could hold (ends before it starts,
 * lasts more than 12 hours).
 */
export function lessonOf(h: AppointmentHistory, s: LessonScope): Lesson | null {
  const a = h.current;
  if (!a || a.hidden === true) return null;
  if (!(a.end > a.start) || a.end - a.start > MAX_LESSON_SECONDS) return null;
  if (s.branch && a.branch && a.branch.toLowerCase() !== s.branch.toLowerCase()) return null;
  const start = a.start * 1000;
  const day = s.clock.dateOf(start);
  if (day < s.from || day > s.to) return null;
  const rooms = cleanCodes(a.locations, 10);
  const teachers = cleanCodes(a.teachers, 10);
  const periodFrom = slotNumber(a.startTimeSlot, a.startTimeSlotName);
  const periodTo = slotNumber(a.endTimeSlot, a.endTimeSlotName) ?? periodFrom;
  return {
    id: lessonIdOf(h.instance),
    start,
    end: a.end * 1000,
    day,
    periodFrom,
    periodTo: periodFrom !== null && periodTo !== null && periodTo < periodFrom ? periodFrom : periodTo,
    kind: KINDS.get(a.type ?? 'lesson') ?? 'other',
    subjects: cleanCodes(a.subjects, 10),
    groups: cleanCodes(a.groups, 60),
    teachers,
    rooms,
    change: lessonChange(a, h.previous, rooms, teachers),
    remark: cleanText(a.remark, 500),
  };
}

/** Just the appointments a lesson was made from, for the period grid. */
export function currentVersions(list: readonly AppointmentHistory[]): ZermeloAppointment[] {
  return list.flatMap((h) => (h.current ? [h.current] : []));
}

/**
 * Both ends of a move to another day (leftSlot.ts), the old slot from the earlier version: that version's hours,
 * rooms, subjects, groups and teachers. No `left` where the lesson did not move day or the old day is outside the window.
 */
export function zermeloMovedDay(h: AppointmentHistory, s: LessonScope, lesson: Lesson): { left: Lesson | null; arrived: Lesson } {
  const p = h.previous;
  if (!p || !(p.end > p.start)) return { left: null, arrived: lesson };
  const moved = movedDay(lesson, (t) => s.clock.dateOf(t), {
    end: p.end * 1000,
    periodFrom: slotNumber(p.startTimeSlot, p.startTimeSlotName),
    periodTo: slotNumber(p.endTimeSlot, p.endTimeSlotName),
    rooms: cleanCodes(p.locations, 10),
    subjects: cleanCodes(p.subjects, 10),
    groups: cleanCodes(p.groups, 60),
    teachers: cleanCodes(p.teachers, 10),
  });
  if (!moved) return { left: null, arrived: lesson };
  return { left: moved.left.day >= s.from && moved.left.day <= s.to ? moved.left : null, arrived: moved.arrived };
}
