import type { PersonName } from '@shared/domain';
import { subjectInfo } from './curriculum';
import type { DemoGroups } from './groups';
import { personName } from './personNames';
import { ADULT_FIRST_NAMES } from './names';
import { shuffleInPlace, type Random } from './random';

export interface DemoTeacher {
  index: number;
  /** The abbreviation printed on timetables (BKR for Bakker). */
  code: string;
  name: PersonName;
  /** What they are qualified to teach (see SubjectInfo.discipline). */
  discipline: string;
}

/** Periods per week each discipline must teach, from the classes and clusters of the school. */
export function teachingDemand(groups: DemoGroups): Map<string, number> {
  const demand = new Map<string, number>();
  const add = (subject: string, hours: number) => {
    const discipline = subjectInfo(subject).discipline;
    if (discipline !== null) demand.set(discipline, (demand.get(discipline) ?? 0) + hours);
  };
  for (const c of groups.classes) {
    for (const s of c.curriculum.classLessons) add(s.subject, s.hours);
    for (const s of c.curriculum.classClusters) add(s.subject, s.hours);
  }
  for (const ys of groups.yearStreams) for (const column of ys.columns) for (const cluster of column) add(cluster.subject, ys.columnHours);
  return demand;
}

/** Teachers per discipline in proportion to demand (largest remainder), at least one each while the staff allows. */
function disciplineSeats(count: number, demand: Map<string, number>): string[] {
  const byDemand = [...demand.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const total = byDemand.reduce((sum, [, hours]) => sum + hours, 0);
  const seats = new Map<string, number>();
  const guaranteed = byDemand.slice(0, Math.min(count, byDemand.length));
  for (const [d] of guaranteed) seats.set(d, 1);
  const rest = count - guaranteed.length;
  const shares = byDemand.map(([d, hours]) => ({ d, exact: (rest * hours) / total }));
  let given = 0;
  for (const s of shares) {
    const whole = Math.floor(s.exact);
    seats.set(s.d, (seats.get(s.d) ?? 0) + whole);
    given += whole;
  }
  shares.sort((a, b) => (b.exact % 1) - (a.exact % 1) || (a.d < b.d ? -1 : 1));
  for (let i = 0; i < rest - given; i++) {
    const s = shares[i % shares.length];
    if (s) seats.set(s.d, (seats.get(s.d) ?? 0) + 1);
  }
  return byDemand.flatMap(([d]) => Array.from({ length: seats.get(d) ?? 0 }, () => d));
}

const stripAccents = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** Abbreviation candidates the way Dutch schools make them: initial plus consonants, then variations. */
function* codeCandidates(name: PersonName): Generator<string> {
  const letters = stripAccents(name.lastName).toUpperCase().replace(/[^A-Z]/g, '');
  const first = letters[0] ?? 'X';
  const consonants = [...letters.slice(1)].filter((ch, i, all) => !'AEIOUY'.includes(ch) && ch !== all[i - 1]);
  const [c1, c2, c3] = consonants;
  const initial = stripAccents(name.firstName).toUpperCase().replace(/[^A-Z]/g, '')[0] ?? '';
  const prefix = (name.prefix ?? '').split(' ').map((p) => p.replace(/[^a-z]/gi, '')[0]?.toUpperCase() ?? '').join('');
  if (c1 && c2) yield first + c1 + c2;
  if (letters.length >= 3) yield letters.slice(0, 3);
  if (c1 && c3) yield first + c1 + c3;
  if (c2 && c3) yield first + c2 + c3;
  if (prefix) yield (prefix + first + (c1 ?? '')).slice(0, 4);
  if (initial) yield initial + letters.slice(0, 2);
  if (c1 && c2 && c3) yield first + c1 + c2 + c3;
  if (initial) yield initial + letters.slice(0, 3);
  const second = c1 ?? letters[1] ?? 'X';
  for (let i = 0; i < 26 * 26; i++) yield first + second + String.fromCharCode(65 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26));
}

export function teacherCode(name: PersonName, taken: Set<string>): string {
  for (const code of codeCandidates(name)) {
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
  throw new Error(`no free abbreviation for ${name.lastName}`);
}

export function buildTeachers(count: number, demand: Map<string, number>, random: Random): DemoTeacher[] {
  const seats = shuffleInPlace(random, disciplineSeats(count, demand));
  const taken = new Set<string>();
  return seats.map((discipline, index) => {
    const name = personName(random, ADULT_FIRST_NAMES);
    return { index, code: teacherCode(name, taken), name, discipline };
  });
}
