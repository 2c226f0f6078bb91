import { chmodSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '@shared/contract';
import { Settings, UntisGpuSourceConfig } from '@shared/settings';
import { instantAt } from '@shared/timetable/zonedTime';
import { manualClock } from '../../clock';
import type { CacheDb } from '../../db/open';
import { memoryLogger } from '../../logger';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import { createSyncEngine } from '../../sync/engine';
import { SourceError } from '../source';
import { outcomeOfError } from '../../sync/runJob';
import { syncOnce } from '../../sync/syncOnce';
import { guardUnhandledRejections } from '../../sync/testing/unhandledRejections';
import { cacheDump } from '../testing/connectorChecks';
import { createUntisGpuSource, type UntisGpuConfig, type UntisGpuSourceOptions } from './gpuSource';
import { generatedGpu001 } from './testing/generatedSchool';
import { exportFolder, ownGpuFixtures, windows1252 } from './testing/gpuExports';

const ZONE = 'Europe/Amsterdam';
const NOW = instantAt('2019-02-05', '08:00', ZONE);
const tempDir = useTempDirs();

guardUnhandledRejections();

const config = (folder: string, extra: Partial<UntisGpuConfig> = {}) => UntisGpuSourceConfig.parse({ type: 'untis-gpu', folder, ...extra });
const sync = (db: CacheDb, folder: string, extra: Partial<UntisGpuConfig> = {}, options: UntisGpuSourceOptions = {}) =>
  syncOnce({ db, source: createUntisGpuSource(config(folder, extra), options), scope: 'kiosk', now: NOW, zone: ZONE, signal: new AbortController().signal, progress: () => {} });

async function goodCache(): Promise<{ db: CacheDb; before: ReturnType<typeof cacheDump> }> {
  const db = openTestCache(tempDir());
  await sync(db, exportFolder(tempDir(), { school: true, fixtures: 'svws-extra' }));
  const before = cacheDump(db);
  expect(before.lessons!.length).toBeGreaterThan(500);
  return { db, before };
}

const school001 = generatedGpu001;
const withLine = (text: string, at: number, line: string) => {
  const lines = text.split('\n');
  lines.splice(at, 0, line);
  return lines.join('\n');
};
const ansi001 = () => readFileSync(join(ownGpuFixtures('ansi-school'), 'GPU001.TXT'));

type Fault = [string, (dir: string) => string, string, RegExp, Partial<UntisGpuConfig>?, UntisGpuSourceOptions?];
const faults: Fault[] = [
  ['a missing folder', (dir) => join(dir, 'not-mounted'), 'UPSTREAM_HTTP', /folder .*not-mounted is not there/],
  ['a file where the folder should be', (dir) => {
    writeFileSync(join(dir, 'export.txt'), 'x');
    return join(dir, 'export.txt');
  }, 'UPSTREAM_HTTP', /is a file, not a folder/],
  ['a folder without GPU001.TXT', (dir) => exportFolder(dir, { fixtures: 'svws-extra' }), 'UPSTREAM_EMPTY', /holds no GPU001\.TXT/],
  ['an empty GPU001.TXT', (dir) => exportFolder(dir, { school: true, files: { 'GPU001.TXT': '' } }), 'UPSTREAM_EMPTY', /GPU001\.TXT holds no lessons/],
  ['a GPU001.TXT of blank lines', (dir) => exportFolder(dir, { school: true, files: { 'GPU001.TXT': '\r\n\r\n  \n' } }), 'UPSTREAM_EMPTY', /holds no lessons/],
  ['a garbled line (day "x")', (dir) => exportFolder(dir, { school: true, files: { 'GPU001.TXT': withLine(school001(), 500, '901;"Q1";"OLDI";"D-GK4";"3.08";x;2;;') } }),
    'UPSTREAM_INVALID', /GPU001\.TXT, line 501: day "x" is not a number/],
  ['a quote that never closes (a file cut off mid-line)', (dir) => exportFolder(dir, { school: true, files: { 'GPU001.TXT': `${school001()}902;"Q1";"OLD` } }),
    'UPSTREAM_INVALID', /GPU001\.TXT, line 968: a quoted field is never closed/],
  ['a line with too few fields', (dir) => exportFolder(dir, { school: true, files: { 'GPU001.TXT': withLine(school001(), 3, '903;"Q1"') } }),
    'UPSTREAM_INVALID', /GPU001\.TXT, line 4: 2 fields where a timetable line needs at least 7/],
  ['a period out of range', (dir) => exportFolder(dir, { school: true, files: { 'GPU001.TXT': withLine(school001(), 0, '904;"Q1";"OLDI";"D";"3.08";2;99;;') } }),
    'UPSTREAM_INVALID', /period 99 is out of range/],
  ['a substitution with a broken date', (dir) => exportFolder(dir, { school: true, files: { 'GPU014.TXT': '1,"20190231",2,,34,"OLDI","","D-GK4",,,,"3.08","",,"Q1","","",1,"Q1",C,201902041530,""\r\n' } }),
    'UPSTREAM_INVALID', /GPU014\.TXT, line 1: date "20190231" is not a date/],
  ['a holiday that ends before it starts', (dir) => exportFolder(dir, { school: true, files: { 'GPU018.TXT': '"X","Vakantie","20190215","20190211",""\n' } }),
    'UPSTREAM_INVALID', /GPU018\.TXT, line 1: the holiday ends/],
  ['a time grid that is not one', (dir) => exportFolder(dir, { school: true, files: { 'time.txt': '1 8 4 10:45\n' } }), 'UPSTREAM_INVALID', /time\.txt, line 1/],
  ['the wrong encoding (Windows-1252 bytes, UTF-8 forced)', (dir) => exportFolder(dir, { fixtures: 'ansi-school' }), 'UPSTREAM_INVALID', /GPU001\.TXT is not UTF-8/, { encoding: 'utf-8' }],
  ['UTF-16 without a byte-order mark', (dir) => exportFolder(dir, { school: true, files: { 'GPU001.TXT': Buffer.from(school001(), 'utf16le') } }), 'UPSTREAM_INVALID', /holds NUL bytes/],
  ['lessons only in periods the grid does not have (through the engine checks)', (dir) => exportFolder(dir, { school: true, fixtures: 'svws-extra', files: { 'GPU001.TXT': '1,"1a","AB","ne","A1",1,15,,\r\n', 'GPU014.TXT': '\r\n' } }),
    'UPSTREAM_EMPTY', /returned no (rooms|lessons)/],
  ['a file larger than the cap', (dir) => exportFolder(dir, { school: true }), 'UPSTREAM_INVALID', /larger than 0 MB/, {}, { maxBytes: 1000 }],
];

describe('Untis GPU faults: the cache stays exactly as it was, the error is typed and plain', () => {
  it.each(faults)('%s', async (_, make, code, message, extra, options) => {
    const { db, before } = await goodCache();
    const error = await sync(db, make(tempDir()), extra, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ code });
    expect((error as SourceError).message).toMatch(message);
    expect(cacheDump(db)).toEqual(before);
  });

  it.skipIf(process.getuid?.() === 0)('a folder Gangbord may not read (skipped as root, who reads everything)', async () => {
    const { db, before } = await goodCache();
    const folder = exportFolder(tempDir(), { school: true });
    chmodSync(folder, 0o000);
    try {
      await expect(sync(db, folder)).rejects.toMatchObject({ code: 'UPSTREAM_AUTH' });
    } finally {
      chmodSync(folder, 0o755);
    }
    expect(cacheDump(db)).toEqual(before);
  });

  it('never opens the pupils file (GPU010), even when it is present and unreadable', async () => {
    const dir = tempDir();
    const folder = exportFolder(dir, { school: true });
    mkdirSync(join(folder, 'GPU010.TXT')); // a directory: reading it would fail loudly
    const source = createUntisGpuSource(config(folder));
    const raw = (await source.fetch({ scope: 'staff', now: NOW, zone: ZONE, cursor: null, signal: new AbortController().signal, progress: () => {}, secret: () => null })) as { files: { name: string }[] };
    expect(raw.files.map((f) => f.name)).toEqual(['GPU001.TXT', 'GPU002.TXT']);
  });

  it('reads a Windows-1252 file as such when told to, and guesses it right when not', async () => {
    const db = openTestCache(tempDir());
    for (const encoding of ['windows-1252', 'auto'] as const) {
      await sync(db, exportFolder(tempDir(), { files: { 'GPU001.TXT': ansi001() } }), { encoding });
      expect(db.prepare('SELECT code FROM rooms ORDER BY code').all()).toEqual([{ code: 'Aula Süd' }, { code: 'B2.10' }, { code: 'Lokaal é1' }]);
    }
    expect(windows1252('Süd')).toEqual(Uint8Array.from([0x53, 0xfc, 0x64]));
  });
});

describe('Untis GPU faults through the sync engine', () => {
  it('shows backoff with the error in the status and keeps the last good data', async () => {
    const { db, before } = await goodCache();
    const folder = join(tempDir(), 'share-offline');
    const clock = manualClock(NOW);
    const statuses: SyncStatus[] = [];
    const source = createUntisGpuSource(config(folder));
    const engine = createSyncEngine({
      clock, log: memoryLogger(), settings: () => Settings.parse({}), sourceId: () => 'untis-gpu',
      lastSuccessAt: () => NOW - 60_000, onStatus: (s) => statuses.push(s), onDataChanged: () => {}, random: () => 1,
      runJob: async (hooks) => {
        try {
          return { ok: true, sourceId: source.id, ...(await syncOnce({ db, source, scope: 'kiosk', now: clock.now(), zone: ZONE, signal: hooks.signal, progress: hooks.progress })) };
        } catch (error) {
          return outcomeOfError(source.id, error, { log: memoryLogger(), progress: hooks.progress, signal: hooks.signal });
        }
      },
    });
    try {
      const status = await engine.trigger('manual');
      expect(status).toMatchObject({ state: 'backoff', source: 'untis-gpu', lastSuccessAt: NOW - 60_000, consecutiveFailures: 1, lastError: { code: 'UPSTREAM_HTTP' } });
      expect(status.lastError!.message).toMatch(/share-offline is not there/);
      expect(status.nextRunAt).toBe(NOW + 30_000);
      expect(statuses.at(-1)).toEqual(status);
      expect(cacheDump(db)).toEqual(before);
    } finally {
      await engine.stop();
    }
  });
});

describe('an export read only when whole', () => {
  it('refuses an export that lost GPU014, naming it, and keeps the last good changes on screen', async () => {
    const { db, before } = await goodCache();
    const folder = exportFolder(tempDir(), { school: true, fixtures: 'svws-extra' });
    rmSync(join(folder, 'GPU014.TXT'));
    await expect(sync(db, folder)).rejects.toMatchObject({ code: 'UPSTREAM_INVALID', message: expect.stringMatching(/^GPU014\.TXT is missing from the Untis export .*the last good export had it/) });
    expect(cacheDump(db)).toEqual(before);
    // Written empty (Untis half-way): the same.
    writeFileSync(join(folder, 'GPU014.TXT'), '');
    await expect(sync(db, folder)).rejects.toMatchObject({ message: expect.stringMatching(/^GPU014\.TXT in the Untis export .* is empty/) });
    expect(cacheDump(db)).toEqual(before);
  });

  it('reads the folder only once it has been quiet for a while, and refuses one that keeps changing', async () => {
    const { db } = await goodCache();
    const folder = exportFolder(tempDir(), { school: true, fixtures: 'svws-extra' });
    // Just written (now): waited for, then read.
    const now = new Date();
    utimesSync(join(folder, 'GPU014.TXT'), now, now);
    const started = Date.now();
    await sync(db, folder, {}, { quietMs: 1_500 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    // Still changing when the time to read it is up: refused, to be read by the next sync.
    utimesSync(join(folder, 'GPU014.TXT'), new Date(), new Date());
    await expect(sync(db, folder, {}, { quietMs: 5_000, timeoutMs: 1_000 })).rejects.toMatchObject({ code: 'UPSTREAM_INVALID', message: expect.stringMatching(/still being written/) });
  });
});
