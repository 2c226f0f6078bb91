import type { Lesson, LessonKind } from '@shared/domain';
import { splitCodes } from '../db/codes';

/** The lessons columns every query that returns whole lessons selects, in this order. */
export const LESSON_COLUMNS = `l.id, l.start_ms, l.end_ms, l.day, l.period_from, l.period_to, l.kind, l.subjects, l.groups, l.teachers, l.rooms,
  l.cancelled, l.added, l.prev_rooms, l.prev_teachers, l.prev_start_ms, l.description, l.remark,
  l.moved_to_start_ms, l.moved_to_period, l.moved_to_rooms`;

export interface LessonRow {
  id: string; start_ms: number; end_ms: number; day: string; period_from: number | null; period_to: number | null; kind: string;
  subjects: string; groups: string; teachers: string; rooms: string; cancelled: number; added: number;
  prev_rooms: string; prev_teachers: string; prev_start_ms: number | null; description: string | null; remark: string | null;
  moved_to_start_ms: number | null; moved_to_period: number | null; moved_to_rooms: string | null;
}

export function lessonFromRow(r: LessonRow): Lesson {
  return {
    id: r.id,
    start: r.start_ms,
    end: r.end_ms,
    day: r.day,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    kind: r.kind as LessonKind,
    subjects: splitCodes(r.subjects),
    groups: splitCodes(r.groups),
    teachers: splitCodes(r.teachers),
    rooms: splitCodes(r.rooms),
    change: {
      cancelled: r.cancelled === 1,
      added: r.added === 1,
      previousRooms: splitCodes(r.prev_rooms),
      previousTeachers: splitCodes(r.prev_teachers),
      previousStart: r.prev_start_ms,
      movedTo: r.moved_to_start_ms === null ? null : { start: r.moved_to_start_ms, periodFrom: r.moved_to_period, rooms: splitCodes(r.moved_to_rooms ?? '') },
      description: r.description,
    },
    remark: r.remark,
  };
}
