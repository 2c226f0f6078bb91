import { z } from 'zod';
import { LocalDate, LocalTime, ZoneName } from './time';

/** A code as schools write them on doors and timetables: a room (`B1.04`), group (`4v.netl1`), subject, teacher. */
export const Code = z.string().min(1).max(40).regex(/^[^\s\u0000-\u001f]+( [^\s\u0000-\u001f]+)*$/, 'codes have no control characters or leading, trailing or double spaces');
export type Code = z.infer<typeof Code>;

export const School = z.object({
  name: z.string().min(1).max(120),
  zone: ZoneName,
}).strict();
export type School = z.infer<typeof School>;

export const RoomKind = z.enum(['classroom', 'lab', 'gym', 'aula', 'workshop', 'office', 'other']);
export type RoomKind = z.infer<typeof RoomKind>;

export const Room = z.object({
  code: Code,
  name: z.string().max(120),
  building: z.string().max(40),
  floor: z.number().int().min(-5).max(60).nullable(),
  kind: RoomKind,
  capacity: z.number().int().min(0).max(5000).nullable(),
}).strict();
export type Room = z.infer<typeof Room>;

export const Subject = z.object({ code: Code, name: z.string().max(120) }).strict();
export type Subject = z.infer<typeof Subject>;

/** `class`: a stamklas (1A, 4H2); `cluster`: a subject group made of pupils from several classes (4v.netl1). */
export const GroupKind = z.enum(['class', 'cluster']);
export const Group = z.object({
  code: Code,
  name: z.string().max(120),
  kind: GroupKind,
  /** Leerjaar (1..6) where known. */
  year: z.number().int().min(1).max(8).nullable(),
}).strict();
export type Group = z.infer<typeof Group>;

/** One lesson hour of the school's bell schedule (lesuur). Breaks are the gaps between periods. */
export const Period = z.object({
  number: z.number().int().min(0).max(20),
  name: z.string().min(1).max(20),
  start: LocalTime,
  end: LocalTime,
}).strict();
export type Period = z.infer<typeof Period>;

export const Holiday = z.object({
  name: z.string().min(1).max(120),
  /** First day off. */
  from: LocalDate,
  /** Last day off (inclusive). */
  to: LocalDate,
}).strict();
export type Holiday = z.infer<typeof Holiday>;
