import { z } from 'zod';
import { untisDate, untisMinutes } from './untisTime';

/*
 * WebUntis JSON-RPC results as servers send them (docs/upstream-formats.md §2). Empty fields are omitted by WebUntis,
 * so nearly everything is optional; dates and times must be real ones, as numbers or digit strings.
 */

const id = z.number().int();
const text = z.string().nullish();
export const UntisDate = z.union([z.number().int(), z.string()]).refine((v) => untisDate(v) !== null, 'expected a date as yyyymmdd');
export const UntisTime = z.union([z.number().int(), z.string()]).refine((v) => untisMinutes(v) !== null, 'expected a time as hhmm');

export const UntisAuth = z.object({
  sessionId: z.string().regex(/^[A-Za-z0-9._~+/=-]{1,200}$/),
  personType: z.number().int().nullish(),
  personId: z.number().int().nullish(),
  klasseId: z.number().int().nullish(),
});

/** The JSON-RPC 2.0 envelope of every answer. */
export const RpcEnvelope = z.object({
  jsonrpc: z.string().nullish(),
  id: z.union([z.string(), z.number()]).nullish(),
  result: z.unknown().optional(),
  error: z.object({ code: z.number(), message: z.string().nullish() }).nullish(),
});

/** A master-data item: rooms, classes (Klassen), subjects. */
export const UntisElement = z.object({
  id,
  name: z.union([z.string(), z.number()]),
  longName: text,
  active: z.boolean().nullish(),
  building: text,
});
export type UntisElement = z.infer<typeof UntisElement>;

export const UntisTeacher = z.object({
  id,
  name: z.union([z.string(), z.number()]),
  foreName: text,
  longName: text,
  active: z.boolean().nullish(),
});
export type UntisTeacher = z.infer<typeof UntisTeacher>;

export const UntisStudent = z.object({
  id,
  key: z.union([z.string(), z.number()]).nullish(),
  name: z.union([z.string(), z.number()]).nullish(),
  foreName: text,
  longName: text,
});
export type UntisStudent = z.infer<typeof UntisStudent>;

export const UntisHoliday = z.object({
  id: id.nullish(),
  name: z.union([z.string(), z.number()]).nullish(),
  longName: text,
  startDate: UntisDate,
  endDate: UntisDate,
});
export type UntisHoliday = z.infer<typeof UntisHoliday>;

export const UntisTimegridDay = z.object({
  day: z.number().int().min(1).max(7),
  timeUnits: z.array(z.object({ name: z.union([z.string(), z.number()]).nullish(), startTime: UntisTime, endTime: UntisTime })),
});
export type UntisTimegridDay = z.infer<typeof UntisTimegridDay>;

/** An element of a period: `{id}`, with `name` when asked for, and `orgid` (the original) when substituted. */
export const UntisRef = z.object({
  id: id.nullish(),
  name: z.union([z.string(), z.number()]).nullish(),
  longname: text,
  orgid: id.nullish(),
  orgname: z.union([z.string(), z.number()]).nullish(),
});
export type UntisRef = z.infer<typeof UntisRef>;

const refs = z.array(UntisRef).nullish();

export const UntisPeriod = z.object({
  id,
  date: UntisDate,
  startTime: UntisTime,
  endTime: UntisTime,
  kl: refs,
  te: refs,
  su: refs,
  ro: refs,
  lstype: text,
  code: text,
  lstext: text,
  info: text,
  substText: text,
});
export type UntisPeriod = z.infer<typeof UntisPeriod>;

export const UntisSubstitution = z.object({
  type: text,
  lsid: id.nullish(),
  date: UntisDate,
  startTime: UntisTime,
  endTime: UntisTime,
  kl: refs,
  te: refs,
  su: refs,
  ro: refs,
  txt: text,
  text,
  /** For a `shift`: the other end of the move (which end is which, the timetable's cancelled entry tells; shifts.ts). */
  reschedule: z.object({ date: UntisDate, startTime: UntisTime, endTime: UntisTime.nullish() }).nullish(),
});
export type UntisSubstitution = z.infer<typeof UntisSubstitution>;

/** getLatestImportTime: Unix ms of the last upload from Untis. */
export const UntisImportTime = z.number().int().min(0);
