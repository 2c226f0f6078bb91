import { z } from 'zod';
import { LocalDate } from '@shared/domain/time';
import { SourceError } from '../source';
import { UntisCursor } from './cursor';
import {
  UntisElement, UntisHoliday, UntisImportTime, UntisPeriod, UntisStudent, UntisSubstitution, UntisTeacher, UntisTimegridDay,
  type UntisElement as Element,
} from './schemas';

const Fetched = z.object({
  mode: z.enum(['full', 'near']),
  from: LocalDate,
  to: LocalDate,
  importTime: UntisImportTime.nullable(),
  cursor: UntisCursor.nullable(),
  rooms: z.unknown(),
  klassen: z.unknown(),
  teachers: z.unknown(),
  subjects: z.unknown(),
  timegrid: z.unknown(),
  holidays: z.unknown(),
  students: z.unknown(),
  timetables: z.array(z.object({ type: z.number().int(), id: z.number().int(), result: z.unknown() })),
  substitutions: z.unknown(),
});

export interface UntisValid {
  mode: 'full' | 'near';
  from: string;
  to: string;
  importTime: number | null;
  rooms: Element[];
  klassen: Element[];
  teachers: z.infer<typeof UntisTeacher>[] | null;
  subjects: Element[] | null;
  timegrid: z.infer<typeof UntisTimegridDay>[] | null;
  holidays: z.infer<typeof UntisHoliday>[] | null;
  students: z.infer<typeof UntisStudent>[] | null;
  timetables: { type: number; id: number; periods: z.infer<typeof UntisPeriod>[] }[];
  substitutions: z.infer<typeof UntisSubstitution>[] | null;
}

function list<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S>[] {
  if (!Array.isArray(value)) throw new SourceError('UPSTREAM_INVALID', `WebUntis sent ${what} that is not a list; the cached timetable was kept.`);
  const out: z.infer<S>[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const parsed = schema.safeParse(value[i]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      // Status messages are at most 500 characters; the rest of the sentence needs room.
      const problem = `item ${i + 1}: ${where}${issue?.message ?? 'invalid'}`.slice(0, 160);
      throw new SourceError('UPSTREAM_INVALID', `WebUntis sent ${what} in a shape Gangbord does not know (${problem}); the cached timetable was kept.`);
    }
    out[i] = parsed.data;
  }
  return out;
}

const optionalList = <S extends z.ZodType>(schema: S, value: unknown, what: string) =>
  value === null || value === undefined ? null : list(schema, value, what);

/** Checks every answer against WebUntis's own format; one item of the wrong shape stops the sync. */
export function validateWebUntis(raw: unknown): UntisValid {
  const parsed = Fetched.safeParse(raw);
  if (!parsed.success) throw new SourceError('UPSTREAM_INVALID', 'The WebUntis answers were incomplete; the cached timetable was kept.');
  const f = parsed.data;
  return {
    mode: f.mode, from: f.from, to: f.to, importTime: f.importTime,
    rooms: list(UntisElement, f.rooms, 'rooms'),
    klassen: list(UntisElement, f.klassen, 'classes'),
    teachers: optionalList(UntisTeacher, f.teachers, 'teachers'),
    subjects: optionalList(UntisElement, f.subjects, 'subjects'),
    timegrid: optionalList(UntisTimegridDay, f.timegrid, 'the time grid'),
    holidays: optionalList(UntisHoliday, f.holidays, 'holidays'),
    students: optionalList(UntisStudent, f.students, 'pupils'),
    timetables: f.timetables.map((t) => ({ type: t.type, id: t.id, periods: list(UntisPeriod, t.result, `a timetable (element ${t.type}/${t.id})`) })),
    substitutions: optionalList(UntisSubstitution, f.substitutions, 'substitutions'),
  };
}
