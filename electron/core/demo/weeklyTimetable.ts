import type { Room, RoomKind } from '@shared/domain';
import { SUBJECTS, subjectInfo, type TeachingRoomKind } from './curriculum';
import type { DemoClass, DemoGroups, YearStream } from './groups';
import { Occupancy, SCHOOL_DAYS, slotOf } from './occupancy';
import { PERIOD_COUNT } from './periods';
import { shuffleInPlace, type Random } from './random';
import { TeacherPool } from './teacherPool';
import type { DemoTeacher } from './teachers';

/** One lesson of the regular week; lessons on dates are stamped from these. */
export interface WeeklyLesson {
  weekday: number;
  periodFrom: number;
  periodTo: number;
  subject: string;
  group: string;
  /** Classes whose pupils sit in it: for a profile-column cluster, every class of the year and stream. */
  classes: readonly number[];
  teacher: number;
  room: number;
}

export interface WeeklyTimetable {
  lessons: WeeklyLesson[];
  classes: Occupancy;
  teachers: Occupancy;
  rooms: Occupancy;
  /** Lesson hours that did not fit anywhere (too few rooms or staff); they simply become free periods. */
  unplaced: number;
}

/** Where a lesson may go when rooms of its own kind are taken: theory fits in a lab, gym lessons need a gym. */
const ROOM_FALLBACK: Record<TeachingRoomKind, readonly RoomKind[]> = {
  classroom: ['classroom', 'lab'],
  lab: ['lab', 'classroom'],
  workshop: ['workshop', 'classroom'],
  gym: ['gym'],
};

/**
 * Each lesson is tried at every slot with its own teacher and room kind before a later slot is given up for a
 * lab lesson in a classroom, and only then with a colleague standing in.
 */
const PASSES = [
  { ownTeacher: true, ownRoomKind: true },
  { ownTeacher: true, ownRoomKind: false },
  { ownTeacher: false, ownRoomKind: false },
] as const;

const SUBJECT_TAG = new Map(SUBJECTS.map((s, i) => [s.code, 1 << i]));
const COLUMN_TAG_BASE = SUBJECTS.length;

interface ClassItem {
  cls: DemoClass;
  group: string;
  subject: string;
  teacher: number;
  length: 1 | 2;
  tier: number;
  order: number;
}

interface Candidate {
  slot: number;
  weekday: number;
  period: number;
  score: number;
}

/** Lower years finish by the seventh period; upper years may have an eighth. */
const lastPeriodOf = (year: number) => (year <= 3 ? PERIOD_COUNT - 1 : PERIOD_COUNT);

/**
 * Builds the regular weekly timetable greedily: profile columns first (they tie up a whole year at once), then
 * double lessons and special rooms, then the rest. Candidate slots are tried earliest first with the same subject
 * kept off a day that already has it, so days fill from the first period and free periods fall late.
 */
export class WeeklyPlanner {
  private readonly classBusy: Occupancy;
  private readonly teacherBusy: Occupancy;
  private readonly roomBusy: Occupancy;
  private readonly roomsByKind = new Map<RoomKind, number[]>();
  private readonly roomPosition: number[] = [];
  private readonly dayTags: Uint32Array;
  private readonly lessons: WeeklyLesson[] = [];
  private unplaced = 0;

  constructor(
    private readonly groups: DemoGroups,
    private readonly pool: TeacherPool,
    private readonly rooms: readonly Room[],
    private readonly random: Random,
  ) {
    this.classBusy = new Occupancy(groups.classes.length);
    this.teacherBusy = new Occupancy(pool.teachers.length);
    this.roomBusy = new Occupancy(rooms.length);
    this.dayTags = new Uint32Array(groups.classes.length * SCHOOL_DAYS);
    rooms.forEach((room, index) => {
      const list = this.roomsByKind.get(room.kind) ?? [];
      this.roomPosition[index] = list.length;
      list.push(index);
      this.roomsByKind.set(room.kind, list);
    });
  }

  build(): WeeklyTimetable {
    for (const [ys, column, clusters] of this.columnUnits()) {
      for (let hour = 0; hour < ys.columnHours; hour++) if (!this.placeColumnHour(ys, column, clusters)) this.unplaced += clusters.length;
    }
    const gaps = this.reserveFreePeriods();
    for (const item of this.classItems()) if (!this.placeClassItem(item)) this.unplaced += item.length;
    for (const [slot, cls] of gaps) this.classBusy.mark(slot, 1, cls, 0);
    return { lessons: this.lessons, classes: this.classBusy, teachers: this.teacherBusy, rooms: this.roomBusy, unplaced: this.unplaced };
  }

  /**
   * One or two free periods (tussenuren) per class in the middle of a day, held back while lessons are placed:
   * a timetable without any would look too good to be true.
   */
  private reserveFreePeriods(): [number, number][] {
    const held: [number, number][] = [];
    for (const cls of this.groups.classes) {
      const count = 1 + (this.random() < 0.5 ? 1 : 0);
      for (let n = 0, tries = 0; n < count && tries < 20; tries++) {
        const slot = slotOf(1 + Math.floor(this.random() * SCHOOL_DAYS), 2 + Math.floor(this.random() * 4));
        if (!this.classBusy.isFree(slot, cls.index)) continue;
        this.classBusy.mark(slot, 1, cls.index);
        held.push([slot, cls.index]);
        n++;
      }
    }
    return held;
  }

  private columnUnits(): [YearStream, number, { code: string; subject: string; teacher: number }[]][] {
    const units: [YearStream, number, { code: string; subject: string; teacher: number }[]][] = [];
    for (const ys of this.groups.yearStreams) {
      ys.columns.forEach((column, index) => {
        const used = new Set<number>();
        const clusters = column.map((cluster) => {
          const teacher = this.pool.assign(cluster.subject, ys.columnHours, used);
          used.add(teacher);
          return { code: cluster.code, subject: cluster.subject, teacher };
        });
        units.push([ys, index, clusters]);
      });
    }
    return units;
  }

  /** Every lesson hour of every class, ordered hardest first and round-robin over the classes. */
  private classItems(): ClassItem[] {
    const items: ClassItem[] = [];
    const classOrder = shuffleInPlace(this.random, this.groups.classes.map((_, i) => i));
    for (const cls of this.groups.classes) {
      const classTeachers: number[] = [];
      const units = [
        ...cls.curriculum.classLessons.map((s) => ({ ...s, group: cls.code })),
        ...cls.curriculum.classClusters.map((s, i) => ({ ...s, group: cls.classClusters[i]?.code ?? cls.code })),
      ];
      const perTier = new Map<number, number>();
      for (const unit of units) {
        const teacher = unit.subject === 'mentor' ? this.pool.mentorFor(classTeachers, unit.hours) : this.pool.assign(unit.subject, unit.hours);
        classTeachers.push(teacher);
        const kind = subjectInfo(unit.subject).roomKind;
        let left = unit.hours;
        for (let hour = 0; left > 0; hour++) {
          const length = unit.double && hour === 0 && left >= 2 ? 2 : 1;
          const tier = length === 2 ? (kind === 'gym' ? 0 : 1) : kind === 'gym' ? 2 : kind === 'lab' ? 3 : kind === 'workshop' ? 4 : 5;
          // Interleave a class's subjects (first hour of each, then second hours...), then the classes.
          const order = ((hour * 32 + (perTier.get(tier) ?? 0)) * 1024 + (classOrder[cls.index] ?? 0));
          perTier.set(tier, (perTier.get(tier) ?? 0) + 1);
          items.push({ cls, group: unit.group, subject: unit.subject, teacher, length, tier, order });
          left -= length;
        }
      }
    }
    return items.sort((a, b) => a.tier - b.tier || a.order - b.order);
  }

  /** `spread` widens the random part of the score: columns use it so that they do not all claim the first periods. */
  private candidates(cls: readonly DemoClass[], length: number, tag: number, spread = 6): Candidate[] {
    const first = cls[0];
    if (!first) return [];
    const out: Candidate[] = [];
    const last = lastPeriodOf(first.year);
    for (let weekday = 1; weekday <= SCHOOL_DAYS; weekday++) {
      const dayIndex = first.index * SCHOOL_DAYS + weekday - 1;
      const repeats = ((this.dayTags[dayIndex] ?? 0) & tag) !== 0;
      let load = 0;
      for (let p = 1; p <= PERIOD_COUNT; p++) if (!this.classBusy.isFree(slotOf(weekday, p), first.index)) load++;
      for (let period = 1; period + length - 1 <= last; period += length) {
        const slot = slotOf(weekday, period);
        if (!cls.every((c) => this.classBusy.isFreeFor(slot, length, c.index))) continue;
        out.push({ slot, weekday, period, score: period * 10 + (repeats ? 100 : 0) + load * 3 + this.random() * spread });
      }
    }
    return out.sort((a, b) => a.score - b.score);
  }

  private placeClassItem(item: ClassItem): boolean {
    const tag = SUBJECT_TAG.get(item.subject) ?? 0;
    const candidates = this.candidates([item.cls], item.length, tag);
    const kind = subjectInfo(item.subject).roomKind;
    for (const pass of PASSES) {
      for (const c of candidates) {
        const teacher = this.teacherBusy.isFreeFor(c.slot, item.length, item.teacher) ? item.teacher
          : pass.ownTeacher ? -1 : this.pool.freeTeacher(item.subject, (t) => this.teacherBusy.isFreeFor(c.slot, item.length, t), item.length);
        if (teacher < 0) continue;
        const room = this.freeRoom(kind, c.slot, item.length, this.pool.homeRoom(teacher), pass.ownRoomKind);
        if (room < 0) continue;
        this.commit(c, item.length, item.subject, item.group, [item.cls.index], teacher, room);
        this.tagDay([item.cls], c.weekday, tag);
        return true;
      }
    }
    return false;
  }

  private placeColumnHour(ys: YearStream, column: number, clusters: readonly { code: string; subject: string; teacher: number }[]): boolean {
    const tag = 1 << (COLUMN_TAG_BASE + column);
    const classIndexes = ys.classes.map((c) => c.index);
    for (const pass of PASSES) {
      for (const c of this.candidates(ys.classes, 1, tag, 40)) {
        const chosen: [number, number][] = [];
        for (const cluster of clusters) {
          const free = (t: number) => this.teacherBusy.isFree(c.slot, t);
          const teacher = free(cluster.teacher) ? cluster.teacher : pass.ownTeacher ? -1 : this.pool.freeTeacher(cluster.subject, free, 1);
          const room = teacher < 0 ? -1 : this.freeRoom(subjectInfo(cluster.subject).roomKind, c.slot, 1, this.pool.homeRoom(teacher), pass.ownRoomKind);
          if (room < 0) break;
          // Taken for now, so that the next cluster of this hour cannot have the same teacher or room.
          this.teacherBusy.mark(c.slot, 1, teacher);
          this.roomBusy.mark(c.slot, 1, room);
          chosen.push([teacher, room]);
        }
        if (chosen.length < clusters.length) {
          for (const [teacher, room] of chosen) {
            this.teacherBusy.mark(c.slot, 1, teacher, 0);
            this.roomBusy.mark(c.slot, 1, room, 0);
          }
          continue;
        }
        clusters.forEach((cluster, i) => {
          const [teacher, room] = chosen[i] as [number, number];
          this.commit(c, 1, cluster.subject, cluster.code, classIndexes, teacher, room);
        });
        this.tagDay(ys.classes, c.weekday, tag);
        return true;
      }
    }
    return false;
  }

  private commit(c: Candidate, length: number, subject: string, group: string, classes: readonly number[], teacher: number, room: number): void {
    for (const cls of classes) this.classBusy.mark(c.slot, length, cls);
    this.teacherBusy.mark(c.slot, length, teacher);
    this.roomBusy.mark(c.slot, length, room);
    this.lessons.push({ weekday: c.weekday, periodFrom: c.period, periodTo: c.period + length - 1, subject, group, classes, teacher, room });
  }

  private tagDay(classes: readonly DemoClass[], weekday: number, tag: number): void {
    for (const cls of classes) {
      const i = cls.index * SCHOOL_DAYS + weekday - 1;
      this.dayTags[i] = (this.dayTags[i] ?? 0) | tag;
    }
  }

  /** A free room for the lesson: the teacher's own room if it suits, else the next free one of the kind. */
  private freeRoom(kind: TeachingRoomKind, slot: number, length: number, preferred: number, ownKindOnly: boolean): number {
    for (const roomKind of ownKindOnly ? [kind] : ROOM_FALLBACK[kind]) {
      const list = this.roomsByKind.get(roomKind);
      if (!list || list.length === 0) continue;
      const start = preferred >= 0 && this.rooms[preferred]?.kind === roomKind ? (this.roomPosition[preferred] ?? 0) : 0;
      for (let i = 0; i < list.length; i++) {
        const room = list[(start + i) % list.length] as number;
        if (this.roomBusy.isFreeFor(slot, length, room)) return room;
      }
    }
    return -1;
  }
}

export function buildWeeklyTimetable(groups: DemoGroups, teachers: readonly DemoTeacher[], rooms: readonly Room[], random: Random): WeeklyTimetable {
  return new WeeklyPlanner(groups, new TeacherPool(teachers, rooms), rooms, random).build();
}
