import type { Lesson, LessonChange, LessonKind, LocalDate, Period, Room, RoomKind } from '@shared/domain';
import { instantAt, weekdayOf } from '@shared/timetable/zonedTime';
import type { DemoGroups } from './groups';
import { frozenList, type LessonTemplate } from './lessonTemplates';
import type { Occupancy } from './occupancy';
import { PERIOD_COUNT } from './periods';
import { hashString, mixHash, unitOf } from './random';
import type { DemoTeacher } from './teachers';
import type { WeeklyTimetable } from './weeklyTimetable';

/*
 * Lessons on dates: the weekly timetable stamped on a school day, with changes sprinkled in. Every change is
 * decided by a hash of the date and the lesson, never by the day the demo is generated, so a lesson cancelled
 * in Monday's sync is still cancelled, and only it, in Tuesday's.
 */

const CANCELLED = 0.03;
const ROOM_CHANGED = 0.02;
const SUBSTITUTED = 0.03;
/** Share of upper-year lessons that are a test (toets). */
const EXAM = 0.03;
/** Extra lessons per regular lesson of the day. */
const ADDED = 0.004;

const CANCEL_REASONS = ['Vervalt wegens ziekte docent.', 'Vervalt wegens afwezigheid docent.', 'Vervalt: docent begeleidt een excursie.', 'Vervalt wegens scholing docent.'];
const EXAM_REMARKS = ['Toets', 'Schriftelijke overhoring', 'PTA-toets', 'Luistertoets'];
const EMPTY = frozenList([]);

export interface DemoTimetable {
  seed: number;
  zone: string;
  periods: readonly Period[];
  rooms: readonly Room[];
  teachers: readonly DemoTeacher[];
  groups: DemoGroups;
  week: WeeklyTimetable;
  /** Per ISO weekday (1..5). */
  templates: LessonTemplate[][];
}

/** Rooms and teachers of one date, copied from the weekly grid only when a change needs them. */
class DayResources {
  private roomGrid: Occupancy | null = null;
  private teacherGrid: Occupancy | null = null;
  private classGrid: Occupancy | null = null;

  constructor(private readonly tt: DemoTimetable, private readonly weekday: number) {}

  get rooms(): Occupancy {
    return (this.roomGrid ??= this.tt.week.rooms.day(this.weekday));
  }

  get teachers(): Occupancy {
    return (this.teacherGrid ??= this.tt.week.teachers.day(this.weekday));
  }

  get classes(): Occupancy {
    return (this.classGrid ??= this.tt.week.classes.day(this.weekday));
  }

  /** A free room of the kind for the periods, starting the search at a hashed position so moves spread out. */
  freeRoom(kind: RoomKind, from: number, length: number, hash: number, except = -1): number {
    const rooms = this.tt.rooms;
    for (let i = 0; i < rooms.length; i++) {
      const room = (hash + i) % rooms.length;
      if (room !== except && rooms[room]?.kind === kind && this.rooms.isFreeFor(from - 1, length, room)) return room;
    }
    return -1;
  }

  /** A free colleague, of the same discipline when one is free. */
  freeTeacher(discipline: string, from: number, length: number, hash: number): number {
    const teachers = this.tt.teachers;
    let fallback = -1;
    for (let i = 0; i < teachers.length; i++) {
      const t = (hash + i) % teachers.length;
      if (!this.teachers.isFreeFor(from - 1, length, t)) continue;
      if (teachers[t]?.discipline === discipline) return t;
      if (fallback < 0) fallback = t;
    }
    return fallback;
  }
}

const freshChange = (): LessonChange => ({
  cancelled: false,
  added: false,
  previousRooms: EMPTY,
  previousTeachers: EMPTY,
  previousStart: null,
  movedTo: null,
  description: null,
});

/** Appends the lessons of one school day to `out`. */
export function stampDay(tt: DemoTimetable, date: LocalDate, out: Lesson[]): void {
  const weekday = weekdayOf(date);
  const templates = tt.templates[weekday] ?? [];
  // Period boundaries once per date: instantAt looks the zone's offset up per date, so DST days come out right.
  const starts: number[] = [0];
  const ends: number[] = [0];
  for (const p of tt.periods) {
    starts[p.number] = instantAt(date, p.start, tt.zone);
    ends[p.number] = instantAt(date, p.end, tt.zone);
  }
  const dateHash = hashString(date, tt.seed);
  const day = new DayResources(tt, weekday);
  for (const t of templates) {
    const w = t.weekly;
    const hash = mixHash(dateHash, t.index);
    const u = unitOf(hash);
    const length = w.periodTo - w.periodFrom + 1;
    const change = freshChange();
    let kind: LessonKind = 'lesson';
    let remark: string | null = null;
    let teachers = t.teachers;
    let rooms = t.rooms;
    if (u < CANCELLED) {
      change.cancelled = true;
      change.description = CANCEL_REASONS[hash % CANCEL_REASONS.length] ?? null;
    } else if (u < CANCELLED + ROOM_CHANGED) {
      const room = day.freeRoom(t.roomKind, w.periodFrom, length, hash >>> 8, w.room);
      const code = tt.rooms[room]?.code;
      if (code !== undefined) {
        day.rooms.mark(w.periodFrom - 1, length, room);
        rooms = [code];
        change.previousRooms = t.rooms;
        change.description = `Het lokaal is gewijzigd (was ${t.rooms[0]}).`;
      }
    } else if (u < CANCELLED + ROOM_CHANGED + SUBSTITUTED) {
      const teacher = day.freeTeacher(tt.teachers[w.teacher]?.discipline ?? '', w.periodFrom, length, hash >>> 8);
      const code = tt.teachers[teacher]?.code;
      if (code !== undefined) {
        day.teachers.mark(w.periodFrom - 1, length, teacher);
        teachers = [code];
        change.previousTeachers = t.teachers;
        change.description = `De docent is vervangen (was ${t.teachers[0]}).`;
      }
    } else if (t.year >= 4 && u < CANCELLED + ROOM_CHANGED + SUBSTITUTED + EXAM) {
      kind = 'exam';
      remark = EXAM_REMARKS[hash % EXAM_REMARKS.length] ?? null;
    }
    out.push({
      id: `demo:${date}${t.idTail}`, start: starts[w.periodFrom] ?? 0, end: ends[w.periodTo] ?? 0, day: date,
      periodFrom: w.periodFrom, periodTo: w.periodTo, kind, subjects: t.subjects, groups: t.groups, teachers, rooms, change, remark,
    });
  }
  addExtraLessons(tt, date, templates, day, dateHash, starts, ends, out);
}

/**
 * A few lessons that are not in the regular week: a make-up lesson (inhaaluur) or, now and then, an
 * information session in the aula, in a period the class has free and with a teacher and room that are free.
 */
function addExtraLessons(
  tt: DemoTimetable,
  date: LocalDate,
  templates: readonly LessonTemplate[],
  day: DayResources,
  dateHash: number,
  starts: number[],
  ends: number[],
  out: Lesson[],
): void {
  const count = Math.floor(templates.length * ADDED + unitOf(mixHash(dateHash, 0xadd)));
  for (let n = 0; n < count; n++) {
    const hash = mixHash(dateHash, 0xadd0 + n);
    // Model it on one of the class's own single-class lessons of that day: same subject and teacher.
    const model = templates[hash % templates.length];
    if (!model || model.weekly.classes.length !== 1) continue;
    const cls = tt.groups.classes[model.weekly.classes[0] ?? -1];
    if (!cls) continue;
    const activity = hash % 3 === 0;
    const teacher = model.weekly.teacher;
    for (let period = 1; period <= PERIOD_COUNT; period++) {
      if (!day.classes.isFree(period - 1, cls.index) || !day.teachers.isFree(period - 1, teacher)) continue;
      const aula = tt.rooms.findIndex((r) => r.kind === 'aula');
      const room =
        activity && aula >= 0 && day.rooms.isFree(period - 1, aula) ? aula : day.freeRoom(activity ? 'classroom' : model.roomKind, period, 1, hash >>> 8);
      const roomCode = tt.rooms[room]?.code;
      if (roomCode === undefined) continue;
      day.classes.mark(period - 1, 1, cls.index);
      day.teachers.mark(period - 1, 1, teacher);
      day.rooms.mark(period - 1, 1, room);
      out.push({
        id: `demo:${date}:${cls.code}:${period}`,
        start: starts[period] ?? 0,
        end: ends[period] ?? 0,
        day: date,
        periodFrom: period,
        periodTo: period,
        kind: activity ? 'activity' : 'lesson',
        subjects: activity ? frozenList(['mentor']) : model.subjects,
        groups: frozenList([cls.code]),
        teachers: model.teachers,
        rooms: frozenList([roomCode]),
        change: { ...freshChange(), added: true, description: activity ? 'Extra activiteit.' : 'Extra les (inhaaluur).' },
        remark: activity ? (cls.year <= 3 ? 'Voorlichting profielkeuze' : 'Voorlichting studiekeuze') : null,
      });
      break;
    }
  }
}
