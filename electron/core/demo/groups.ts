import type { Group } from '@shared/domain';
import { curriculumFor, subjectInfo, type Curriculum } from './curriculum';
import type { ClassPlanEntry, Stream } from './schoolSizes';

export interface DemoClass {
  index: number;
  code: string;
  year: number;
  stream: Stream;
  pupils: number;
  curriculum: Curriculum;
  yearStream: YearStream;
  /** Upper years: the per-class clusters (`4v.netl1`) the class takes its core subjects in. */
  classClusters: DemoCluster[];
}

export interface DemoCluster {
  code: string;
  subject: string;
  year: number;
}

/** All classes of one year and stream (4 havo); upper-year columns are timetabled for all of them at once. */
export interface YearStream {
  key: string;
  year: number;
  stream: Stream;
  classes: DemoClass[];
  pupils: number;
  /** Per column, the clusters that run in parallel; each pupil is in exactly one of them. */
  columns: DemoCluster[][];
  columnHours: number;
}

export interface DemoGroups {
  classes: DemoClass[];
  yearStreams: YearStream[];
  groups: Group[];
}

const STREAM_NAME: Record<Stream, string> = { B: 'brugklas', M: 'mavo', H: 'havo', V: 'vwo', HV: 'havo/vwo' };
const CLUSTER_SIZE = 26;

function classCode(year: number, stream: Stream, n: number): string {
  // Brugklassen are lettered (1A, 1B, ...); later years carry the stream and a number (2H1, 4V2).
  return year === 1 ? `1${String.fromCharCode(64 + n)}` : `${year}${stream}${n}`;
}

/** Which profile subjects a year and stream offers: a column of a small year offers fewer choices. */
function columnClusters(ys: YearStream, options: readonly string[], counters: Map<string, number>): DemoCluster[] {
  const offered = options.slice(0, Math.min(options.length, Math.max(2, Math.round(ys.pupils / 15))));
  const perSubject = Math.max(1, Math.round(ys.pupils / offered.length / CLUSTER_SIZE));
  const clusters: DemoCluster[] = [];
  for (const subject of offered) {
    for (let i = 0; i < perSubject; i++) {
      const n = (counters.get(subject) ?? 0) + 1;
      counters.set(subject, n);
      clusters.push({ code: clusterCode(ys, subject, n), subject, year: ys.year });
    }
  }
  return clusters;
}

function clusterCode(ys: YearStream, subject: string, n: number): string {
  return `${ys.year}${ys.stream.toLowerCase()}.${subjectInfo(subject).clusterName}${n}`;
}

/** Classes per year and stream, and in the upper years the clusters of the profile columns. */
export function buildGroups(plan: readonly ClassPlanEntry[], totalPupils: number): DemoGroups {
  const classCount = plan.reduce((sum, e) => sum + e.classes, 0);
  const classes: DemoClass[] = [];
  const yearStreams: YearStream[] = [];
  for (const entry of plan) {
    const curriculum = curriculumFor(entry.year, entry.stream);
    const ys: YearStream = { key: `${entry.year}${entry.stream}`, year: entry.year, stream: entry.stream, classes: [], pupils: 0, columns: [], columnHours: curriculum.columnHours };
    for (let n = 1; n <= entry.classes; n++) {
      const index = classes.length;
      // Pupils spread evenly; the first classes take the remainder.
      const pupils = Math.floor(totalPupils / classCount) + (index < totalPupils % classCount ? 1 : 0);
      const cls: DemoClass = {
        index,
        code: classCode(entry.year, entry.stream, n),
        year: entry.year,
        stream: entry.stream,
        pupils,
        curriculum,
        yearStream: ys,
        classClusters: [],
      };
      cls.classClusters = curriculum.classClusters.map((s) => ({ code: clusterCode(ys, s.subject, n), subject: s.subject, year: entry.year }));
      classes.push(cls);
      ys.classes.push(cls);
      ys.pupils += pupils;
    }
    const counters = new Map<string, number>();
    ys.columns = curriculum.columns.map((options) => columnClusters(ys, options, counters));
    yearStreams.push(ys);
  }
  return { classes, yearStreams, groups: groupList(classes, yearStreams) };
}

function groupList(classes: readonly DemoClass[], yearStreams: readonly YearStream[]): Group[] {
  const groups: Group[] = classes.map((c) => ({
    code: c.code,
    name: c.year === 1 ? `Brugklas ${c.code}` : `Klas ${c.code} (${STREAM_NAME[c.stream]} ${c.year})`,
    kind: 'class',
    year: c.year,
  }));
  const clusterName = (cluster: DemoCluster, ys: YearStream) => {
    const n = cluster.code.slice(cluster.code.search(/\d+$/));
    return `${subjectInfo(cluster.subject).name} ${STREAM_NAME[ys.stream]} ${ys.year}, groep ${n}`;
  };
  for (const ys of yearStreams) {
    for (const c of ys.classes) for (const cluster of c.classClusters) groups.push({ code: cluster.code, name: clusterName(cluster, ys), kind: 'cluster', year: ys.year });
    for (const column of ys.columns) for (const cluster of column) groups.push({ code: cluster.code, name: clusterName(cluster, ys), kind: 'cluster', year: ys.year });
  }
  return groups;
}
