import type { Room, RoomKind } from '@shared/domain';
import type { DemoGroups } from './groups';
import type { DemoTeacher } from './teachers';
import type { WeeklyLesson, WeeklyTimetable } from './weeklyTimetable';

/**
 * A weekly lesson made ready to stamp on many dates: its code lists are built once and shared (frozen, so
 * that a consumer that mutates one fails loudly instead of changing every week's copy).
 */
export interface LessonTemplate {
  /** Position in the week, mixed into the per-date hash that decides changes. */
  index: number;
  weekly: WeeklyLesson;
  /** `:<group>:<period>`, the date goes before it: `demo:2026-10-26:3V2:4`. */
  idTail: string;
  subjects: string[];
  groups: string[];
  teachers: string[];
  rooms: string[];
  roomKind: RoomKind;
  year: number;
}

export const frozenList = (codes: string[]): string[] => Object.freeze(codes) as string[];

/** Templates per ISO weekday (index 1..5), each day in period order. */
export function lessonTemplates(week: WeeklyTimetable, groups: DemoGroups, teachers: readonly DemoTeacher[], rooms: readonly Room[]): LessonTemplate[][] {
  const byDay: LessonTemplate[][] = [[], [], [], [], [], []];
  const sorted = [...week.lessons].sort((a, b) => a.weekday - b.weekday || a.periodFrom - b.periodFrom || (a.group < b.group ? -1 : 1));
  sorted.forEach((weekly, index) => {
    const room = rooms[weekly.room];
    const teacher = teachers[weekly.teacher];
    if (!room || !teacher) throw new Error(`weekly lesson ${weekly.group} refers to a missing room or teacher`);
    byDay[weekly.weekday]?.push({
      index,
      weekly,
      idTail: `:${weekly.group}:${weekly.periodFrom}`,
      subjects: frozenList([weekly.subject]),
      groups: frozenList([weekly.group]),
      teachers: frozenList([teacher.code]),
      rooms: frozenList([room.code]),
      roomKind: room.kind,
      year: groups.classes[weekly.classes[0] ?? 0]?.year ?? 1,
    });
  });
  return byDay;
}
