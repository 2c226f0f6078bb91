import type { LocalDate } from '@shared/domain/time';
import { SourceError } from '../source';
import { toCode } from '../common/fieldRules';
import type { Row } from './delimited';

/*
 * The records Gangbord reads from each GPU file, by field position (docs/upstream-formats.md §3; Untis writes no header).
 * Every line must make sense: a half-written export is refused as a whole, naming file and line, rather than
 * read as a timetable with holes in it.
 */

/** GPU001 (Stundenplan): one line per class × teacher × period. */
export interface TimetableRow {
  lessonNo: number;
  classes: string[];
  teacher: string | null;
  subject: string | null;
  rooms: string[];
  /** ISO weekday, 1 = Monday. */
  day: number;
  period: number;
  /** Field 8, "Stundenlänge", when the exporter fills it: the lesson's own length in minutes. */
  minutes: number | null;
}

/** GPU002 (Unterricht): only what bounds a lesson's dates. */
export interface LessonRange {
  lessonNo: number;
  from: LocalDate | null;
  to: LocalDate | null;
}

export interface NamedCode {
  code: string;
  name: string;
}

export interface RoomRow extends NamedCode {
  capacity: number | null;
}

export interface TeacherRow {
  code: string;
  lastName: string | null;
  firstName: string | null;
}

/** GPU014 (Vertretungen). */
export interface SubstitutionRow {
  line: number;
  substitutionNo: number;
  date: LocalDate;
  period: number;
  lessonNo: number | null;
  absentTeacher: string | null;
  substituteTeacher: string | null;
  subject: string | null;
  substituteSubject: string | null;
  rooms: string[];
  substituteRooms: string[];
  classes: string[];
  /** Field 17: free text the scheduler wrote for the plan. (Field 16, the absence reason, is never read.) */
  text: string | null;
  typeBits: number;
  substituteClasses: string[];
  kindLetter: string | null;
}

export interface HolidayRow {
  name: string;
  from: LocalDate;
  to: LocalDate;
}

const MAX_PERIOD = 20;

class LineError extends Error {}

function reader(fileName: string, row: Row) {
  const fail = (what: string): never => {
    throw new LineError(`${fileName}, line ${row.line}: ${what}`);
  };
  const raw = (i: number) => row.fields[i] ?? '';
  return {
    fail,
    code(i: number): string | null {
      return toCode(raw(i));
    },
    /** `~` separates several values (coupled classes, several rooms). */
    codes(i: number): string[] {
      return raw(i).split('~').map(toCode).filter((c): c is string => c !== null);
    },
    text(i: number, max: number): string | null {
      const t = raw(i).replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
      return t === '' ? null : t.slice(0, max);
    },
    int(i: number, what: string, min: number, max: number): number {
      const t = raw(i);
      if (!/^-?\d{1,9}$/.test(t)) return fail(`${what} "${t.slice(0, 20)}" is not a number`);
      const n = Number(t);
      if (n < min || n > max) return fail(`${what} ${n} is out of range (${min}..${max})`);
      return n;
    },
    optionalInt(i: number, min: number, max: number): number | null {
      const t = raw(i);
      if (!/^\d{1,9}$/.test(t)) return null;
      const n = Number(t);
      return n >= min && n <= max ? n : null;
    },
    date(i: number, what: string): LocalDate {
      const t = raw(i);
      const m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
      const date = m ? `${m[1]}-${m[2]}-${m[3]}` : null;
      if (!date || !isRealDate(date)) return fail(`${what} "${t.slice(0, 20)}" is not a date (YYYYMMDD)`);
      return date;
    },
    optionalDate(i: number): LocalDate | null {
      const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw(i));
      const date = m ? `${m[1]}-${m[2]}-${m[3]}` : null;
      return date && isRealDate(date) ? date : null;
    },
    need(count: number, what: string) {
      if (row.fields.length < count) fail(`${row.fields.length} field${row.fields.length === 1 ? '' : 's'} where ${what} needs at least ${count}`);
    },
  };
}

function isRealDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 1990 && y <= 2200 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** "45", "0:45" or "00:45" (Untis writes the period length as hh:mm or minutes). */
function minutesOf(text: string): number | null {
  const m = /^(?:(\d{1,2}):)?(\d{1,3})$/.exec(text.trim());
  if (!m) return null;
  const minutes = Number(m[1] ?? 0) * 60 + Number(m[2]);
  return minutes > 0 && minutes <= 12 * 60 ? minutes : null;
}

function readAll<T>(fileName: string, rows: readonly Row[], read: (r: ReturnType<typeof reader>, row: Row) => T): T[] {
  try {
    return rows.map((row) => read(reader(fileName, row), row));
  } catch (error) {
    if (error instanceof LineError) throw new SourceError('UPSTREAM_INVALID', `${error.message.slice(0, 300)}; the export may be damaged or still being written.`);
    throw error;
  }
}

export function timetableRows(fileName: string, rows: readonly Row[]): TimetableRow[] {
  return readAll(fileName, rows, (r, row) => {
    r.need(7, 'a timetable line');
    return {
      lessonNo: r.int(0, 'lesson number', 0, 999_999_999),
      classes: r.codes(1),
      teacher: r.code(2),
      subject: r.code(3),
      rooms: r.codes(4),
      day: r.int(5, 'day', 1, 7),
      period: r.int(6, 'period', 0, MAX_PERIOD),
      minutes: minutesOf(row.fields[7] ?? ''),
    };
  });
}

export function lessonRanges(fileName: string, rows: readonly Row[]): LessonRange[] {
  return readAll(fileName, rows, (r) => {
    r.need(5, 'a lesson line');
    return { lessonNo: r.int(0, 'lesson number', 0, 999_999_999), from: r.optionalDate(14), to: r.optionalDate(15) };
  });
}

export function namedCodes(fileName: string, rows: readonly Row[]): NamedCode[] {
  return readAll(fileName, rows, (r) => {
    const code = r.code(0) ?? r.fail('the short name (first field) is empty');
    return { code, name: r.text(1, 120) ?? code };
  });
}

export function roomRows(fileName: string, rows: readonly Row[]): RoomRow[] {
  return readAll(fileName, rows, (r) => {
    const code = r.code(0) ?? r.fail('the room\'s short name (first field) is empty');
    return { code, name: r.text(1, 120) ?? code, capacity: r.optionalInt(7, 0, 5000) };
  });
}

/** GPU004: short name, surname (field 2), first name (field 29). Names are read; only staff machines keep them. */
export function teacherRows(fileName: string, rows: readonly Row[]): TeacherRow[] {
  return readAll(fileName, rows, (r) => {
    const code = r.code(0) ?? r.fail('the teacher\'s short name (first field) is empty');
    return { code, lastName: r.text(1, 80), firstName: r.text(28, 80) };
  });
}

export function substitutionRows(fileName: string, rows: readonly Row[]): SubstitutionRow[] {
  return readAll(fileName, rows, (r, row) => {
    r.need(5, 'a substitution line');
    return {
      line: row.line,
      substitutionNo: r.int(0, 'substitution number', 0, 999_999_999),
      date: r.date(1, 'date'),
      period: r.int(2, 'period', 0, MAX_PERIOD),
      lessonNo: r.optionalInt(4, 0, 999_999_999),
      absentTeacher: r.code(5),
      substituteTeacher: r.code(6),
      subject: r.code(7),
      substituteSubject: r.code(9),
      rooms: r.codes(11),
      substituteRooms: r.codes(12),
      classes: r.codes(14),
      text: r.text(16, 300),
      typeBits: r.optionalInt(17, 0, 0x7fffffff) ?? 0,
      substituteClasses: r.codes(18),
      kindLetter: r.text(19, 2),
    };
  });
}

/** GPU018 (Ferien): name, long name, from, to, "F" for a public holiday. */
export function holidayRows(fileName: string, rows: readonly Row[]): HolidayRow[] {
  return readAll(fileName, rows, (r) => {
    r.need(4, 'a holiday line');
    const from = r.date(2, 'first day');
    const to = r.date(3, 'last day');
    if (to < from) r.fail(`the holiday ends (${to}) before it starts (${from})`);
    return { name: r.text(1, 120) ?? r.text(0, 120) ?? 'Vrij', from, to };
  });
}
