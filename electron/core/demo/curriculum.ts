import type { RoomKind, Subject } from '@shared/domain';
import type { Stream } from './schoolSizes';

/** The kind of room a subject needs; the timetable falls back to an ordinary classroom where a lab or workshop is full. */
export type TeachingRoomKind = Extract<RoomKind, 'classroom' | 'lab' | 'gym' | 'workshop'>;

export interface SubjectInfo {
  code: string;
  name: string;
  /** Teachers are qualified per discipline: a wiskunde teacher also teaches wiskunde A and B. Null: any teacher (mentor). */
  discipline: string | null;
  roomKind: TeachingRoomKind;
  /** The subject as Zermelo-style cluster codes spell it: `netl` in `4v.netl1`. */
  clusterName: string;
}

const subject = (code: string, name: string, discipline: string | null, roomKind: TeachingRoomKind, clusterName: string): SubjectInfo =>
  ({ code, name, discipline, roomKind, clusterName });

export const SUBJECTS: readonly SubjectInfo[] = [
  subject('ne', 'Nederlands', 'ne', 'classroom', 'netl'),
  subject('en', 'Engels', 'en', 'classroom', 'entl'),
  subject('fa', 'Frans', 'fa', 'classroom', 'fatl'),
  subject('du', 'Duits', 'du', 'classroom', 'dutl'),
  subject('la', 'Latijn', 'kl', 'classroom', 'latn'),
  subject('gr', 'Grieks', 'kl', 'classroom', 'grtl'),
  subject('wi', 'wiskunde', 'wi', 'classroom', 'wisk'),
  subject('wa', 'wiskunde A', 'wi', 'classroom', 'wisa'),
  subject('wb', 'wiskunde B', 'wi', 'classroom', 'wisb'),
  subject('na', 'natuurkunde', 'na', 'lab', 'nat'),
  subject('sk', 'scheikunde', 'sk', 'lab', 'schk'),
  subject('bi', 'biologie', 'bi', 'lab', 'biol'),
  subject('gs', 'geschiedenis', 'gs', 'classroom', 'gesc'),
  subject('ak', 'aardrijkskunde', 'ak', 'classroom', 'aard'),
  subject('ec', 'economie', 'ec', 'classroom', 'econ'),
  subject('ma', 'maatschappijleer', 'gs', 'classroom', 'maat'),
  subject('in', 'informatica', 'in', 'classroom', 'info'),
  subject('lo', 'lichamelijke opvoeding', 'lo', 'gym', 'lo'),
  subject('mu', 'muziek', 'mu', 'classroom', 'muz'),
  subject('bv', 'beeldende vorming', 'bv', 'workshop', 'bv'),
  subject('tn', 'techniek', 'bv', 'workshop', 'tn'),
  subject('mentor', 'mentoruur', null, 'classroom', 'ment'),
];

const byCode = new Map(SUBJECTS.map((s) => [s.code, s]));

export function subjectInfo(code: string): SubjectInfo {
  const info = byCode.get(code);
  if (!info) throw new Error(`unknown demo subject ${code}`);
  return info;
}

export function subjectList(): Subject[] {
  return SUBJECTS.map((s) => ({ code: s.code, name: s.name }));
}

/** Periods per week; `double` makes two of them one double lesson (gym, a practical, drawing). */
export interface SubjectHours {
  subject: string;
  hours: number;
  double?: boolean;
}

export interface Curriculum {
  /** Lessons of the whole class, with the class code as group. */
  classLessons: SubjectHours[];
  /** Upper years: lessons of the whole class under a per-class cluster code (`4v.netl1` for 4V1). */
  classClusters: SubjectHours[];
  /** Upper years: profile subjects in parallel columns; each pupil of the year and stream takes one subject per column. */
  columns: string[][];
  columnHours: number;
}

const h = (subject: string, hours: number, double = false): SubjectHours => ({ subject, hours, double });

const FIRST_YEAR = [h('ne', 4), h('en', 3), h('wi', 4), h('bi', 2), h('gs', 2), h('ak', 2), h('fa', 3), h('lo', 3, true), h('mu', 2), h('bv', 2, true), h('tn', 2), h('in', 1), h('mentor', 1)];
const SECOND_YEAR = [h('ne', 4), h('en', 3), h('wi', 4), h('bi', 2), h('na', 2, true), h('gs', 2), h('ak', 2), h('fa', 3), h('du', 2), h('lo', 3, true), h('mu', 1), h('bv', 2), h('mentor', 1)];
const THIRD_YEAR = [h('ne', 3), h('en', 3), h('wi', 4), h('bi', 2), h('na', 2), h('sk', 2, true), h('gs', 2), h('ak', 2), h('fa', 2), h('du', 2), h('ec', 2), h('lo', 2, true), h('bv', 1), h('mentor', 1)];

// Profile columns (keuzeblokken), simplified from real havo/vwo and mavo subject choices.
const COLUMNS: Partial<Record<Stream, string[][]>> = {
  M: [['bi', 'ec'], ['du', 'gs'], ['ak', 'na'], ['fa', 'sk', 'bv']],
  H: [['wa', 'wb'], ['bi', 'ec'], ['na', 'gs', 'du'], ['sk', 'ak', 'fa'], ['bv', 'in', 'mu']],
  V: [['wa', 'wb'], ['bi', 'ec', 'gr'], ['na', 'gs', 'la'], ['sk', 'ak', 'du'], ['fa', 'in', 'bv']],
};

export function curriculumFor(year: number, stream: Stream): Curriculum {
  const none = { classClusters: [], columns: [], columnHours: 0 };
  if (year === 1) return { classLessons: FIRST_YEAR, ...none };
  if (year === 2) return { classLessons: stream === 'V' ? [...SECOND_YEAR.filter((s) => s.subject !== 'mu'), h('la', 2)] : SECOND_YEAR, ...none };
  if (year === 3) return { classLessons: stream === 'V' ? [...THIRD_YEAR.filter((s) => s.subject !== 'ec'), h('la', 2)] : THIRD_YEAR, ...none };
  const lastYear = (stream === 'M' && year === 4) || (stream === 'H' && year === 5) || year === 6;
  const classClusters = [h('ne', 3), h('en', 3)];
  if (year === 4) classClusters.push(h('ma', 2));
  if (stream === 'M') classClusters.push(h('wi', 4));
  return {
    classLessons: [h('lo', lastYear ? 1 : 2), h('mentor', 1)],
    classClusters,
    columns: COLUMNS[stream === 'HV' || stream === 'B' ? 'H' : stream] ?? [],
    columnHours: 4,
  };
}
