import type { Room, RoomKind } from '@shared/domain';
import { SUBJECTS, subjectInfo } from './curriculum';
import type { DemoTeacher } from './teachers';

const ROOM_KIND_OF_DISCIPLINE = new Map<string, RoomKind>();
for (const s of SUBJECTS) if (s.discipline !== null && !ROOM_KIND_OF_DISCIPLINE.has(s.discipline)) ROOM_KIND_OF_DISCIPLINE.set(s.discipline, s.roomKind);

/**
 * Who teaches what: qualified teachers with the lightest load first. A school short of a discipline (the
 * small demo has twenty staff for sixteen disciplines) lends the lightest-loaded colleague instead.
 */
export class TeacherPool {
  private readonly load: number[];
  private readonly mentorClasses: number[];
  private readonly byDiscipline = new Map<string, number[]>();
  private readonly home: number[];

  constructor(readonly teachers: readonly DemoTeacher[], rooms: readonly Room[]) {
    this.load = teachers.map(() => 0);
    this.mentorClasses = teachers.map(() => 0);
    const roomsOfKind = new Map<RoomKind, number[]>();
    rooms.forEach((room, i) => roomsOfKind.set(room.kind, [...(roomsOfKind.get(room.kind) ?? []), i]));
    const handedOut = new Map<RoomKind, number>();
    // Each teacher has a room of their own kind (a lokaal, a lab, a gym), shared round-robin when rooms run short.
    this.home = teachers.map((t) => {
      const kind = ROOM_KIND_OF_DISCIPLINE.get(t.discipline) ?? 'classroom';
      const list = roomsOfKind.get(kind) ?? [];
      const n = handedOut.get(kind) ?? 0;
      handedOut.set(kind, n + 1);
      return list.length > 0 ? (list[n % list.length] as number) : -1;
    });
    for (const t of teachers) this.byDiscipline.set(t.discipline, [...(this.byDiscipline.get(t.discipline) ?? []), t.index]);
  }

  homeRoom(teacher: number): number {
    return this.home[teacher] ?? -1;
  }

  private lightest(candidates: Iterable<number>, allowed: (t: number) => boolean): number {
    let best = -1;
    for (const t of candidates) {
      if (!allowed(t)) continue;
      if (best < 0 || (this.load[t] ?? 0) < (this.load[best] ?? 0)) best = t;
    }
    return best;
  }

  private all(): number[] {
    return this.teachers.map((t) => t.index);
  }

  private qualified(subject: string): number[] {
    const discipline = subjectInfo(subject).discipline;
    return discipline === null ? [] : this.byDiscipline.get(discipline) ?? [];
  }

  /** The teacher for a class's or cluster's subject for the year, avoiding those already in the same column. */
  assign(subject: string, hours: number, avoid: ReadonlySet<number> = new Set()): number {
    const allowed = (t: number) => !avoid.has(t);
    let teacher = this.lightest(this.qualified(subject), allowed);
    if (teacher < 0) teacher = this.lightest(this.all(), allowed);
    if (teacher < 0) teacher = 0;
    this.load[teacher] = (this.load[teacher] ?? 0) + hours;
    return teacher;
  }

  /** A class's mentor is one of its own teachers, preferably one not yet mentor of another class. */
  mentorFor(classTeachers: readonly number[], hours: number): number {
    let best = -1;
    for (const t of classTeachers) {
      if (best < 0 || (this.mentorClasses[t] ?? 0) < (this.mentorClasses[best] ?? 0)) best = t;
    }
    if (best < 0) return this.assign('mentor', hours);
    this.mentorClasses[best] = (this.mentorClasses[best] ?? 0) + 1;
    this.load[best] = (this.load[best] ?? 0) + hours;
    return best;
  }

  /** A colleague who is free (a qualified one if possible), when the regular teacher is not. -1 if nobody is. */
  freeTeacher(subject: string, isFree: (t: number) => boolean, hours: number): number {
    let teacher = this.lightest(this.qualified(subject), isFree);
    if (teacher < 0) teacher = this.lightest(this.all(), isFree);
    if (teacher >= 0) this.load[teacher] = (this.load[teacher] ?? 0) + hours;
    return teacher;
  }
}
