import { z } from 'zod';
import { SourceError } from '../source';
import { decodeExport, type ForcedEncoding, type GpuEncoding } from './decodeText';
import { readRows, type Row, type Separator } from './delimited';
import {
  holidayRows, lessonRanges, namedCodes, roomRows, substitutionRows, teacherRows, timetableRows,
  type HolidayRow, type LessonRange, type NamedCode, type RoomRow, type SubstitutionRow, type TeacherRow, type TimetableRow,
} from './gpuRecords';
import { gridFromTimeTxt, type PeriodGrid } from './periodGrid';
import { GPU_FILES, type GpuFileKind, type GpuRaw } from './readExport';

export interface GpuFileInfo {
  kind: GpuFileKind;
  name: string;
  records: number;
  /** Null for time.txt, which is split at any blank. */
  separator: Separator | null;
  encoding: GpuEncoding;
}

export interface GpuParsed {
  files: GpuFileInfo[];
  timetable: TimetableRow[];
  lessonRanges: LessonRange[];
  classes: NamedCode[];
  teachers: TeacherRow[];
  rooms: RoomRow[];
  subjects: NamedCode[];
  substitutions: SubstitutionRow[];
  holidays: HolidayRow[];
  grid: PeriodGrid;
}

export interface ParseOptions {
  encoding: ForcedEncoding;
  separator: Separator | null;
  /** The bell schedule when the export has no time.txt. */
  fallbackGrid: PeriodGrid;
}

const RawExport = z.object({
  folder: z.string(),
  files: z.array(z.object({ kind: z.enum(GPU_FILES), name: z.string(), bytes: z.instanceof(Uint8Array) }).strict()),
}).strict();

/** Decoded, split and read: every file of the export, or a SourceError naming the file and line that is wrong. */
export function parseExport(raw: unknown, options: ParseOptions): GpuParsed {
  const shape = RawExport.safeParse(raw);
  if (!shape.success) throw new SourceError('UPSTREAM_INVALID', 'The Untis connector received something other than the export files it read.');
  const exported: GpuRaw = shape.data;

  const files: GpuFileInfo[] = [];
  const rowsOf = new Map<GpuFileKind, { name: string; rows: Row[] }>();
  let grid = options.fallbackGrid;
  for (const file of exported.files) {
    const { text, encoding } = decodeExport(file.bytes, options.encoding, file.name);
    if (file.kind === 'time.txt') {
      grid = gridFromTimeTxt(file.name, text);
      files.push({ kind: file.kind, name: file.name, records: grid.periods.length, separator: null, encoding });
      continue;
    }
    const { rows, separator } = readRows(file.name, text, options.separator);
    rowsOf.set(file.kind, { name: file.name, rows });
    files.push({ kind: file.kind, name: file.name, records: rows.length, separator, encoding });
  }

  const read = <T>(kind: GpuFileKind, parse: (name: string, rows: Row[]) => T[]): T[] => {
    const file = rowsOf.get(kind);
    return file ? parse(file.name, file.rows) : [];
  };
  const timetable = read('GPU001', timetableRows);
  if (timetable.length === 0) {
    throw new SourceError('UPSTREAM_EMPTY', `${rowsOf.get('GPU001')?.name ?? 'GPU001.TXT'} holds no lessons (an empty export?); the cached timetable was kept.`);
  }
  return {
    files: files.sort((a, b) => (a.kind < b.kind ? -1 : 1)),
    timetable,
    lessonRanges: read('GPU002', lessonRanges),
    classes: read('GPU003', namedCodes),
    teachers: read('GPU004', teacherRows),
    rooms: read('GPU005', roomRows),
    subjects: read('GPU006', namedCodes),
    substitutions: read('GPU014', substitutionRows),
    holidays: read('GPU018', holidayRows),
    grid,
  };
}
