import { describe, expect, it } from 'vitest';
import type { RoomNowNext } from '@shared/contract';
import { Lesson } from '@shared/domain';
import { UntisGpuSourceConfig } from '@shared/settings';
import { instantAt } from '@shared/timetable/zonedTime';
import type { CacheDb } from '../../db/open';
import { createKioskBoard } from '../../services/kioskBoard';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import type { SyncScope } from '../source';
import { syncOnce } from '../../sync/syncOnce';
import { sourceContext } from '../testing/connectorChecks';
import { createUntisGpuSource, type UntisGpuConfig } from './gpuSource';
import { exportFolder } from './testing/gpuExports';
import { describeRealSamples } from '../../testing/realSamples';

const ZONE = 'Europe/Amsterdam';
const at = (date: string, time: string) => instantAt(date, time, ZONE);
const tempDir = useTempDirs();

const config = (folder: string, extra: Partial<UntisGpuConfig> = {}) => UntisGpuSourceConfig.parse({ type: 'untis-gpu', folder, ...extra });

async function sync(db: CacheDb, folder: string, now: number, scope: SyncScope = 'kiosk', extra: Partial<UntisGpuConfig> = {}) {
  return syncOnce({
    db,
    source: createUntisGpuSource(config(folder, extra)),
    scope,
    now,
    zone: ZONE,
    signal: new AbortController().signal,
    progress: () => {},
  });
}

const room = (rooms: RoomNowNext[], code: string) => {
  const found = rooms.find((r) => r.room.code === code);
  if (!found) throw new Error(`no room ${code}`);
  return found;
};

const allLessons = (db: CacheDb) => db.prepare('SELECT id, day, subjects, cancelled, description FROM lessons').all() as { id: string; day: string; subjects: string; cancelled: number; description: string | null }[];

describeRealSamples('Untis GPU export into the cache: the real SVWS samples with our substitutions (GPU014) and holidays', () => {
  // Tuesday 5 February 2019; the SVWS lessons are valid 2019-02-01..2019-07-31 (GPU002). Default Dutch grid.
  const now = at('2019-02-05', '08:00');

  it('shows the right lesson now, cancelled ones marked, a room change in both rooms, substitutes and moves', async () => {
    const db = openTestCache(tempDir());
    const folder = exportFolder(tempDir(), { svws: true, fixtures: 'svws-extra' });
    const result = await sync(db, folder, now);
    expect(result.kind).toBe('snapshot');
    const board = createKioskBoard(db, () => ZONE);

    // Period 2 (09:20-10:10): German in 3.08 is cancelled (bit 0, "C").
    const p2 = room(board.nowNext(at('2019-02-05', '09:30')).rooms, '3.08').now;
    expect(p2).toMatchObject({ subjects: ['D-GK4'], teachers: ['OLDI'], groups: ['Q1'], periodFrom: 2, start: Date.parse('2019-02-05T08:20:00Z'), change: { cancelled: true } });

    // Period 3: the dance course moved to 2.05 (bit 16, "R"); 3.08's sign shows where it went.
    const p3 = board.nowNext(at('2019-02-05', '10:40')).rooms;
    expect(room(p3, '2.05').now).toMatchObject({ subjects: ['PK-Tanz1'], rooms: ['2.05'], change: { previousRooms: ['3.08'], cancelled: false, description: null } });
    expect(room(p3, '3.08').now?.id).toBe(room(p3, '2.05').now?.id);

    // Period 4: a substitute teacher (type 0, absent FONC, substitute MEY). The absence reason is never shown.
    expect(room(board.nowNext(at('2019-02-05', '11:30')).rooms, '3.08').now).toMatchObject({
      teachers: ['MEY'], change: { previousTeachers: ['FONC'], cancelled: false, description: null },
    });

    // Moved: away from Wednesday period 2 (bit 3, "F") to Thursday period 5 (bit 7, "T").
    expect(room(board.nowNext(at('2019-02-06', '09:30')).rooms, '3.08').now).toMatchObject({
      subjects: ['PA-LK1'], change: { cancelled: true, description: null },
    });
    expect(room(board.nowNext(at('2019-02-07', '12:45')).rooms, '3.08').now).toMatchObject({
      subjects: ['PA-LK1'], teachers: ['HINZ'], change: { cancelled: false, added: false, previousStart: Date.parse('2019-02-06T08:20:00Z'), description: null },
    });

    // An exam (E) and an extra lesson that is only in GPU014, with the scheduler's text.
    expect(room(board.nowNext(at('2019-02-06', '10:40')).rooms, '3.08').now).toMatchObject({ kind: 'exam', subjects: ['D-GK2'], change: { description: null } });
    expect(room(board.nowNext(at('2019-02-07', '15:30')).rooms, '2.03').now).toMatchObject({
      subjects: ['BSP'], teachers: ['SPLI'], groups: ['EF'], change: { added: true, description: null },
    });

    // The holiday week (GPU018) has no lessons; reasons for absence ("Krank", "Fortbildung") appear nowhere.
    const lessons = allLessons(db);
    expect(lessons.filter((l) => l.day >= '2019-02-11' && l.day <= '2019-02-15')).toEqual([]);
    expect(lessons.filter((l) => /Krank|Fortbildung/.test(l.description ?? ''))).toEqual([]);
    expect(db.prepare('SELECT name, "from", "to" FROM holidays ORDER BY "from"').all()).toEqual([
      { name: 'Krokusvakantie', from: '2019-02-11', to: '2019-02-15' },
      { name: 'Paasvakantie', from: '2019-04-15', to: '2019-04-26' },
      { name: 'Koningsdag', from: '2019-04-27', to: '2019-04-27' },
    ]);
    // Reference data from GPU003/005/006; teacher names never on a kiosk.
    expect(db.prepare("SELECT code, name, capacity FROM rooms WHERE code = '3.08'").get()).toEqual({ code: '3.08', name: 'Lokaal 3.08', capacity: 30 });
    expect(db.prepare("SELECT name FROM groups WHERE code = 'EF'").get()).toEqual({ name: 'Einführungsphase' });
    expect(db.prepare('SELECT count(*) AS n FROM teachers WHERE first_name IS NOT NULL OR last_name IS NOT NULL').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM periods').get()).toEqual({ n: 10 });
  });

  it('lays coupled lines (one per class) onto one lesson per subject and room, every lesson fit for the domain', async () => {
    const source = createUntisGpuSource(config(exportFolder(tempDir(), { svws: true, fixtures: 'svws-extra' })));
    const ctx = sourceContext(now);
    const snapshot = source.normalise(source.validate(await source.fetch(ctx), ctx), ctx);
    if (snapshot.kind !== 'snapshot') throw new Error('expected a snapshot');
    for (const l of snapshot.lessons) expect(Lesson.parse(l)).toEqual(l);
    // Lesson 133: four classes, one teacher, one room, Wednesday period 4.
    const n133 = snapshot.lessons.filter((l) => l.id.startsWith('u|133|2019-02-06|'));
    expect(n133).toHaveLength(1);
    expect([...n133[0]!.groups].sort()).toEqual(['09a', '09b', '09c', '09d']);
    expect(new Set(snapshot.lessons.map((l) => l.id)).size).toBe(snapshot.lessons.length);
    expect(snapshot.window).toEqual({ from: '2019-02-04', to: '2019-02-17' });
  });

  it('keeps teacher names (GPU004) on a staff machine only', async () => {
    const db = openTestCache(tempDir());
    await sync(db, exportFolder(tempDir(), { svws: true, fixtures: 'svws-extra' }), now, 'staff');
    expect(db.prepare("SELECT first_name, last_name FROM teachers WHERE code = 'OLDI'").get()).toEqual({ first_name: 'Olga', last_name: 'Oldenburg' });
  });

  it('starts at validFrom when the export applies from a later date', async () => {
    const source = createUntisGpuSource(config(exportFolder(tempDir(), { svws: true }), { validFrom: '2019-02-13' }));
    const ctx = sourceContext(now);
    const snapshot = source.normalise(source.validate(await source.fetch(ctx), ctx), ctx);
    expect(snapshot.kind === 'snapshot' && snapshot.window).toEqual({ from: '2019-02-13', to: '2019-02-24' });
    expect(snapshot.kind === 'snapshot' && snapshot.lessons.every((l) => l.day >= '2019-02-13')).toBe(true);
  });

  it('"test connection" names each file with its lines, separator and encoding, then the timetable', async () => {
    const folder = exportFolder(tempDir(), { svws: true, fixtures: 'svws-extra' });
    const steps = await createUntisGpuSource(config(folder)).test!(sourceContext(now));
    expect(steps.map((s) => [s.step, s.ok, s.detail])).toEqual([
      ['Export folder', true, `${folder}: GPU001.TXT, GPU002.TXT, GPU003.TXT, GPU004.TXT, GPU005.TXT, GPU006.TXT, GPU014.TXT, GPU018.TXT.`],
      ['GPU001.TXT', true, "967 lines, separator ';', UTF-8"],
      ['GPU002.TXT', true, "381 lines, separator ';', UTF-8"],
      ['GPU003.TXT', true, "3 lines, separator ';', UTF-8"],
      ['GPU004.TXT', true, "4 lines, separator ';', UTF-8"],
      ['GPU005.TXT', true, '3 lines, separator TAB, UTF-8'],
      ['GPU006.TXT', true, "2 lines, separator ';', UTF-8"],
      ['GPU014.TXT', true, "10 lines, separator ',', UTF-8"],
      ['GPU018.TXT', true, "3 lines, separator ',', UTF-8"],
      ['Period times', true, '10 periods, 08:30–17:50, the default Dutch grid (the export has no time.txt).'],
      ['Timetable', true, expect.stringMatching(/^[\d,]+ lessons in \d+ rooms from 2019-02-04 to 2019-02-17; 5 substitutions applied; 2 lessons added or moved here; 3 holidays\.$/)],
    ]);
  });
});

describe('Untis GPU export: an older Untis writing Windows-1252, CRLF, commas, with its time grid (time.txt)', () => {
  // Monday 25 March 2024; summer time starts on Sunday 31 March.
  const now = at('2024-03-25', '07:00');

  it('reads é and ü right, times from time.txt per weekday, the lesson length field, and a room change', async () => {
    const db = openTestCache(tempDir());
    const folder = exportFolder(tempDir(), { fixtures: 'ansi-school' });
    await sync(db, folder, now, 'staff');
    const board = createKioskBoard(db, () => ZONE);

    const first = board.nowNext(at('2024-03-25', '08:30')).rooms;
    expect(room(first, 'Aula Süd').now).toMatchObject({ subjects: ['Frü'], teachers: ['MÜL'], groups: ['1a', '1b'], start: Date.parse('2024-03-25T07:15:00Z'), end: Date.parse('2024-03-25T08:00:00Z') });
    // Period 2 on Monday is 09:00-09:45: French moved to the aula for once (GPU014, bit 16, with its text).
    const second = board.nowNext(at('2024-03-25', '09:10')).rooms;
    expect(room(second, 'Aula Süd').now).toMatchObject({ subjects: ['fa'], rooms: ['Aula Süd'], change: { previousRooms: ['Lokaal é1'], description: 'Frans in de aula (één keer)' } });
    expect(room(second, 'Lokaal é1').now?.subjects).toEqual(['fa']);
    // Tuesday's grid starts at 08:30; after the switch to summer time; lesson length 0:45 from field 8.
    expect(room(board.nowNext(at('2024-04-02', '08:40')).rooms, 'B2.10').now).toMatchObject({
      subjects: ['ne'], start: Date.parse('2024-04-02T06:30:00Z'), end: Date.parse('2024-04-02T07:15:00Z'),
    });
    expect(db.prepare("SELECT first_name, last_name FROM teachers WHERE code = 'DUP'").get()).toEqual({ first_name: 'Hélène', last_name: 'Dupré' });
    expect(db.prepare("SELECT name, capacity FROM rooms WHERE code = 'Lokaal é1'").get()).toEqual({ name: 'Lokaal één', capacity: 24 });
    expect(db.prepare('SELECT number, start, "end" FROM periods ORDER BY number').all()).toEqual([
      { number: 1, start: '08:15', end: '09:00' }, { number: 2, start: '09:00', end: '09:45' },
      { number: 3, start: '09:55', end: '10:40' }, { number: 4, start: '10:40', end: '11:25' },
    ]);
  });

  it('"test connection" says which encoding and separator it found', async () => {
    const steps = await createUntisGpuSource(config(exportFolder(tempDir(), { fixtures: 'ansi-school' }))).test!(sourceContext(now));
    expect(steps.find((s) => s.step === 'GPU001.TXT')).toEqual({ step: 'GPU001.TXT', ok: true, detail: "5 lines, separator ',', Windows-1252", code: 'file', subject: 'GPU001.TXT' });
    expect(steps.find((s) => s.step === 'time.txt')).toEqual({ step: 'time.txt', ok: true, detail: 'time grid, UTF-8', code: 'file', subject: 'time.txt' });
    expect(steps.find((s) => s.step === 'Period times')?.detail).toBe('4 periods, 08:15–11:25, from time.txt.');
    expect(steps.every((s) => s.ok)).toBe(true);
  });
});
