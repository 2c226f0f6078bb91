/*
 * Test data: an Untis GPU export of a made-up upper school, written the way Untis writes one (semicolons, quoted
 * codes, UTF-8 with umlauts in teacher codes, no header), so the fault and property tests run from a plain clone
 * without the real samples beside the repository. Deterministic: the same files every run.
 *
 * It holds the six lessons this folder's `fixtures/svws-extra/GPU014.TXT` changes (lesson numbers 1, 28, 34, 153,
 * 168 and 380 with their class, teacher, subject, room, day and period), so the substitutions apply to it as they do
 * to the real samples. Everything else is generated: 967 timetable lines over 856 lessons, five days, eight periods.
 */

const CLASSES = ['09a', '09b', '09c', '09d', 'EF', 'EF', 'Q1', 'Q1', 'Q1', 'Q2', 'Q2', 'Q2'];
const TEACHERS = ['SPLI', 'SCHÖ', 'FLET', 'OLDI', 'FONC', 'HINZ', 'MEY', 'GRAF', 'WELL', 'FUSE', 'SCHU', 'KREU', 'MÜLL', 'BRÄU', 'JANS', 'DEKK', 'VRIE', 'BOER', 'KOÇA', 'LIND'];
const SUBJECTS = ['D-GK1', 'D-GK2', 'D-GK3', 'D-GK4', 'E-GK1', 'E-GK2', 'M-LK1', 'M-GK1', 'BI-GK1', 'BI-GK2', 'CH-GK1', 'PH-LK1', 'PA-LK1', 'GE-GK1', 'EK-GK1', 'KU-GK1', 'MU-GK1', 'SP-GK1', 'ER-GK1', 'PK-Tanz1'];
const ROOMS = ['1.01', '1.02', '1.03', '1.04', '2.01', '2.02', '2.05', '2.06', '2.07', '2.08', '3.01', '3.03', '3.05', '3.06', '3.08', '3.12', 'Aula'];

/** Lessons the svws-extra substitutions (GPU014) refer to: number, class, teacher, subject, room, day, period. */
const CHANGED_LESSONS: readonly (readonly [number, string, string, string, string, number, number])[] = [
  [1, 'EF', 'SPLI', 'BI-GK1', '3.03', 3, 4],
  [28, 'Q1', 'OLDI', 'D-GK2', '3.08', 3, 3],
  [34, 'Q1', 'OLDI', 'D-GK4', '3.08', 2, 2],
  [153, 'Q1', 'HINZ', 'PA-LK1', '3.08', 3, 2],
  [168, 'Q1', 'FONC', 'PK-Tanz1', '3.08', 2, 3],
  [380, 'Q1', 'FONC', 'PK-Tanz1', '3.08', 2, 4],
];

const LESSONS = 856;
const LINES = 967;

/** A small linear congruential generator: test data that is the same on every machine. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state >>> 8;
  };
}

interface GeneratedLesson { number: number; group: string; teacher: string; subject: string; room: string }

function lessons(): GeneratedLesson[] {
  const next = sequence(2019);
  const fixed = new Map(CHANGED_LESSONS.map(([number, group, teacher, subject, room]) => [number, { number, group, teacher, subject, room }]));
  return Array.from({ length: LESSONS }, (_, i) => fixed.get(i + 1) ?? {
    number: i + 1,
    group: CLASSES[next() % CLASSES.length]!,
    teacher: TEACHERS[next() % TEACHERS.length]!,
    subject: SUBJECTS[next() % SUBJECTS.length]!,
    // Room 3.08 is kept for the changed lessons, so their slots are theirs alone.
    room: ROOMS.filter((r) => r !== '3.08')[next() % (ROOMS.length - 1)]!,
  });
}

/** GPU001.TXT (timetable): one line per lesson and slot, a second slot for every eighth lesson. */
export function generatedGpu001(): string {
  const next = sequence(1967);
  const taken = new Set(CHANGED_LESSONS.map(([, , , , room, day, period]) => `${room}|${day}|${period}`));
  const fixedSlots = new Map(CHANGED_LESSONS.map(([number, , , , , day, period]) => [number, [day, period] as const]));
  const all = lessons();
  const line = (l: GeneratedLesson, day: number, period: number) => `${l.number};"${l.group}";"${l.teacher}";"${l.subject}";"${l.room}";${day};${period};;`;
  const slot = (l: GeneratedLesson): readonly [number, number] => {
    const fixed = fixedSlots.get(l.number);
    if (fixed) return fixed;
    for (;;) {
      const day = 1 + (next() % 5);
      const period = 1 + (next() % 8);
      if (!taken.has(`${l.room}|${day}|${period}`) || l.room === 'Aula') return [day, period];
    }
  };
  const lines: string[] = [];
  for (const l of all) {
    lines.push(line(l, ...slot(l)));
    if (lines.length < LINES && l.number % 8 === 0 && !fixedSlots.has(l.number)) lines.push(line(l, ...slot(l)));
  }
  for (let n = 2; lines.length < LINES; n += 7) {
    const l = all[n % LESSONS]!;
    if (!fixedSlots.has(l.number)) lines.push(line(l, ...slot(l)));
  }
  return `${lines.join('\n')}\n`;
}

/** GPU002.TXT (lessons): each lesson valid from 1 February to 31 July 2019, in the record layout Untis writes. */
export function generatedGpu002(): string {
  return `${lessons()
    .filter((l) => l.number % 2 === 1 || CHANGED_LESSONS.some(([n]) => n === l.number))
    .map((l) => `${l.number};3;3;3;${l.group};${l.teacher};${l.subject};${l.room};;;3;;;;20190201;20190731;0.01146;;;;;;;X;;;;;;;;;;;;;;;;3;0.00003;${l.group}_${l.subject};;;;;`)
    .join('\n')}\n`;
}
