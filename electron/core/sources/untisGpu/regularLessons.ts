import { createHash } from 'node:crypto';
import type { Lesson } from '@shared/domain';
import type { LocalDate } from '@shared/domain/time';
import { instantAt } from '@shared/timetable/zonedTime';
import type { HolidayRow, LessonRange, TimetableRow } from './gpuRecords';
import type { PeriodGrid } from './periodGrid';
import { datesOf, type GpuWindow } from './schoolWeeks';

const ID_MAX = 120;

/** Ids from the lesson's own facts, so they survive a re-export; hashed when codes make them too long. */
export function gpuLessonId(parts: readonly (string | number)[]): string {
  const id = parts.join('|');
  return id.length <= ID_MAX ? id : `h|${createHash('sha256').update(id).digest('base64url').slice(0, 40)}`;
}

/** The clock times of a period on a date, as instants; null when the grid has no such period. */
export function periodTimes(
  grid: PeriodGrid,
  date: LocalDate,
  weekday: number,
  period: number,
  zone: string,
  minutes: number | null = null,
): { start: number; end: number } | null {
  const times = grid.timesOf(weekday, period);
  if (!times) return null;
  const start = instantAt(date, times.start, zone);
  const end = minutes !== null ? start + minutes * 60_000 : instantAt(date, times.end, zone);
  return end > start ? { start, end } : null;
}

/**
 * One weekly slot: Untis writes a line per class and teacher, so a lesson for four classes is four lines.
 * Lines of a lesson number in the same period, subject and room are one lesson (all its classes and teachers);
 * a coupled lesson's other lines (another subject group in another room) are lessons of their own, as the door
 * signs of those rooms must show them.
 */
interface Slot {
  lessonNo: number;
  day: number;
  period: number;
  subject: string | null;
  room: string | null;
  rooms: string[];
  classes: Set<string>;
  teachers: Set<string>;
  minutes: number | null;
}

function slotsOf(rows: readonly TimetableRow[]): Slot[] {
  const slots = new Map<string, Slot>();
  for (const row of rows) {
    const room = row.rooms.join('~') || null;
    const key = [row.lessonNo, row.day, row.period, row.subject ?? '', room ?? ''].join('\u001f');
    let slot = slots.get(key);
    if (!slot) {
      slots.set(
        key,
        (slot = {
          lessonNo: row.lessonNo,
          day: row.day,
          period: row.period,
          subject: row.subject,
          room,
          rooms: row.rooms,
          classes: new Set(),
          teachers: new Set(),
          minutes: row.minutes,
        }),
      );
    }
    for (const c of row.classes) slot.classes.add(c);
    if (row.teacher) slot.teachers.add(row.teacher);
  }
  return [...slots.values()];
}

/** GPU002's "valid from/to" per lesson number: a date outside every range of a lesson has no such lesson. */
function validity(ranges: readonly LessonRange[]): (lessonNo: number, date: LocalDate) => boolean {
  const byLesson = new Map<number, LessonRange[]>();
  for (const r of ranges) {
    if (r.from === null && r.to === null) continue;
    let list = byLesson.get(r.lessonNo);
    if (!list) byLesson.set(r.lessonNo, (list = []));
    list.push(r);
  }
  return (lessonNo, date) => {
    const list = byLesson.get(lessonNo);
    return !list || list.some((r) => (r.from === null || r.from <= date) && (r.to === null || date <= r.to));
  };
}

export const isHoliday = (holidays: readonly HolidayRow[], date: LocalDate) => holidays.some((h) => h.from <= date && date <= h.to);

export interface RegularLesson {
  lessonNo: number;
  lesson: Lesson;
}

export interface RegularLessons {
  lessons: RegularLesson[];
  /** Lessons whose period the grid does not have. */
  offGrid: number;
}

/** The weekly timetable laid onto the window's dates, skipping holidays and dates a lesson is not valid on. */
export function regularLessons(o: {
  rows: readonly TimetableRow[];
  ranges: readonly LessonRange[];
  holidays: readonly HolidayRow[];
  grid: PeriodGrid;
  window: GpuWindow;
  zone: string;
}): RegularLessons {
  const slots = slotsOf(o.rows);
  const valid = validity(o.ranges);
  const lessons: RegularLesson[] = [];
  let offGrid = 0;
  for (const { date, weekday } of datesOf(o.window)) {
    if (isHoliday(o.holidays, date)) continue;
    for (const slot of slots) {
      if (slot.day !== weekday || !valid(slot.lessonNo, date)) continue;
      const times = periodTimes(o.grid, date, weekday, slot.period, o.zone, slot.minutes);
      if (!times) {
        offGrid++;
        continue;
      }
      lessons.push({
        lessonNo: slot.lessonNo,
        lesson: {
          id: gpuLessonId(['u', slot.lessonNo, date, slot.period, slot.subject ?? '', slot.room ?? '']),
          start: times.start,
          end: times.end,
          day: date,
          periodFrom: slot.period,
          periodTo: slot.period,
          kind: 'lesson',
          subjects: slot.subject ? [slot.subject] : [],
          groups: [...slot.classes].slice(0, 60),
          teachers: [...slot.teachers].slice(0, 10),
          rooms: slot.rooms.slice(0, 10),
          change: { cancelled: false, added: false, previousRooms: [], previousTeachers: [], previousStart: null, movedTo: null, description: null },
          remark: null,
        },
      });
    }
  }
  return { lessons, offGrid };
}
