import { z } from 'zod';
import { Code } from './school';
import { Instant, LocalDate } from './time';

export const LessonKind = z.enum(['lesson', 'exam', 'activity', 'meeting', 'other']);
export type LessonKind = z.infer<typeof LessonKind>;

/**
 * Where a lesson moved to, told at the slot it left: the day and time it is held now, its lesson hour where the
 * upstream says, and its rooms there. A pupil at the old door on the old day reads "Verplaatst naar do 3 dec, 3e uur,
 * n2.03" instead of finding an empty room.
 */
export const MovedTo = z.object({
  start: Instant,
  periodFrom: z.number().int().min(0).max(20).nullable(),
  rooms: z.array(Code).max(10),
}).strict();
export type MovedTo = z.infer<typeof MovedTo>;

/**
 * What changed compared with the regular timetable, in the shape the upstreams report it (Zermelo's
 * cancelled/moved/teacherChanged/... flags, WebUntis `code` and `orgid`, Untis GPU014 type bits).
 */
export const LessonChange = z.object({
  cancelled: z.boolean(),
  /** An extra lesson that is not in the regular timetable. */
  added: z.boolean(),
  /** Rooms before the change, when the lesson moved to another room. */
  previousRooms: z.array(Code).max(10),
  /** Teachers replaced by a substitute. */
  previousTeachers: z.array(Code).max(10),
  /** The original time, when the lesson was moved in time. */
  previousStart: Instant.nullable(),
  /**
   * Set on the slot a lesson left for another day (it is also `cancelled`: nothing is held there): where it went.
   * The lesson in its new slot carries `previousStart`.
   */
  movedTo: MovedTo.nullable().default(null),
  /** The upstream's own words, e.g. "Het lokaal is gewijzigd (was 6r)." */
  description: z.string().max(500).nullable(),
}).strict();
export type LessonChange = z.infer<typeof LessonChange>;

/** A lesson as the kiosk sees it: codes only, never pupils. */
export const Lesson = z.object({
  /** Stable id across syncs (Zermelo appointmentInstance, WebUntis lesson id + date, ...). */
  id: z.string().min(1).max(120),
  start: Instant,
  end: Instant,
  /** The school-zone date the lesson falls on. */
  day: LocalDate,
  /** Lesson hours covered (lesuur), where the upstream says. */
  periodFrom: z.number().int().min(0).max(20).nullable(),
  periodTo: z.number().int().min(0).max(20).nullable(),
  kind: LessonKind,
  subjects: z.array(Code).max(10),
  groups: z.array(Code).max(60),
  teachers: z.array(Code).max(10),
  rooms: z.array(Code).max(10),
  change: LessonChange,
  remark: z.string().max(500).nullable(),
}).strict();
export type Lesson = z.infer<typeof Lesson>;

export const NO_CHANGE: LessonChange = Object.freeze({
  cancelled: false,
  added: false,
  previousRooms: [],
  previousTeachers: [],
  previousStart: null,
  movedTo: null,
  description: null,
}) as LessonChange;

export function isChanged(change: LessonChange): boolean {
  return change.cancelled || change.added || change.previousRooms.length > 0 || change.previousTeachers.length > 0 || change.previousStart !== null;
}
