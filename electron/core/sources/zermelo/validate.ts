import { z } from 'zod';
import { LocalDate } from '@shared/domain/time';
import { SourceError } from '../source';
import { ZermeloCursor } from './cursor';
import {
  ZermeloAnnouncement, ZermeloAppointment, ZermeloBranch, ZermeloGroup, ZermeloLocation, ZermeloSchoolYear, ZermeloUser,
} from './schemas';

/** fetch's bookkeeping; the portal's answers are checked item by item below, so a message can say which. */
const Fetched = z.object({
  mode: z.enum(['full', 'modifiedSince', 'fingerprint']),
  from: LocalDate,
  to: LocalDate,
  appointments: z.array(z.object({ monday: LocalDate, data: z.array(z.unknown()) })),
  fingerprints: z.record(z.string(), z.string()),
  cursor: ZermeloCursor.nullable(),
  modifiedSinceSupported: z.boolean(),
  locations: z.array(z.unknown()).nullable(),
  groups: z.array(z.unknown()).nullable(),
  employees: z.array(z.unknown()).nullable(),
  pupils: z.array(z.unknown()).nullable(),
  announcements: z.array(z.unknown()).nullable(),
  schoolYears: z.array(z.unknown()).nullable(),
  branches: z.array(z.unknown()).nullable(),
  deniedFields: z.record(z.string(), z.array(z.string())),
});

export interface ZermeloValid {
  mode: 'full' | 'modifiedSince' | 'fingerprint';
  from: string;
  to: string;
  appointments: { monday: string; data: ZermeloAppointment[] }[];
  fingerprints: Record<string, string>;
  cursor: ZermeloCursor | null;
  modifiedSinceSupported: boolean;
  locations: ZermeloLocation[] | null;
  groups: ZermeloGroup[] | null;
  employees: ZermeloUser[] | null;
  pupils: ZermeloUser[] | null;
  announcements: ZermeloAnnouncement[] | null;
  schoolYears: ZermeloSchoolYear[] | null;
  branches: ZermeloBranch[] | null;
}

/** The first problem of a zod error in words: "item 3: start: expected number, received string". */
function firstIssue(error: z.ZodError, index: number): string {
  const issue = error.issues[0];
  if (!issue) return `item ${index + 1}`;
  const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  // Status messages are at most 500 characters; the rest of the sentence needs room.
  return `item ${index + 1}: ${path}${issue.message}`.slice(0, 160);
}

function items<S extends z.ZodType>(schema: S, list: unknown[], what: string): z.infer<S>[] {
  const out: z.infer<S>[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const parsed = schema.safeParse(list[i]);
    if (!parsed.success) throw new SourceError('UPSTREAM_INVALID', `Zermelo sent ${what} in a shape Gangbord does not know (${firstIssue(parsed.error, i)}); the cached timetable was kept.`);
    out[i] = parsed.data;
  }
  return out;
}

const optionalItems = <S extends z.ZodType>(schema: S, list: unknown[] | null, what: string) => (list === null ? null : items(schema, list, what));

/**
 * Checks the portal's answers against Zermelo's own format. One item of the wrong shape stops the sync: a changed
 * format must show in the status, not quietly thin out the timetable.
 */
export function validateZermelo(raw: unknown): ZermeloValid {
  const parsed = Fetched.safeParse(raw);
  if (!parsed.success) throw new SourceError('UPSTREAM_INVALID', 'The Zermelo answers were incomplete; the cached timetable was kept.');
  const f = parsed.data;
  return {
    mode: f.mode, from: f.from, to: f.to, fingerprints: f.fingerprints, cursor: f.cursor, modifiedSinceSupported: f.modifiedSinceSupported,
    appointments: f.appointments.map((w) => ({ monday: w.monday, data: items(ZermeloAppointment, w.data, `appointments for the week of ${w.monday}`) })),
    locations: optionalItems(ZermeloLocation, f.locations, 'rooms'),
    groups: optionalItems(ZermeloGroup, f.groups, 'groups'),
    employees: optionalItems(ZermeloUser, f.employees, 'staff'),
    pupils: optionalItems(ZermeloUser, f.pupils, 'pupils'),
    announcements: optionalItems(ZermeloAnnouncement, f.announcements, 'announcements'),
    schoolYears: optionalItems(ZermeloSchoolYear, f.schoolYears, 'school years'),
    branches: optionalItems(ZermeloBranch, f.branches, 'branches'),
  };
}
