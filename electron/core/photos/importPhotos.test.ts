import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { PhotoImportReport } from '@shared/domain';
import type { CacheDb } from '../db/open';
import { openTestCache } from '../testing/openTestCache';
import { useTempDirs } from '../testing/tempDir';
import { importPhotos, importPhotosWithLimits } from './importPhotos';
import { DEFAULT_LIMITS } from './limits';
import * as img from './testing/images';
import type { PhotoImportOptions } from './types';

const tempDir = useTempDirs();
const PATTERN = '^(\\d+)\\.(?:jpe?g|png)$';
const PUPILS = ['123', '004567', '789', '555'];

interface StoredRow { pupil_number: string; mime: string; width: number; height: number; bytes: Buffer }
const storedPhotos = (db: CacheDb) => db.prepare('SELECT pupil_number, mime, width, height, bytes FROM photos ORDER BY pupil_number').all() as StoredRow[];

const options = (path: string, extra: Partial<PhotoImportOptions> = {}): PhotoImportOptions => ({
  kind: 'folder', path, pattern: PATTERN, pupilNumbers: PUPILS, onProgress: () => undefined, ...extra,
});

let files: Record<string, Buffer>;
beforeAll(async () => {
  files = {
    '000123.jpg': await img.jpegWithMetadata(600, 800),
    '0789.jpg': await img.plainJpeg(300, 400),
    '1B/789.JPG': await img.plainJpeg(300, 400),
    '1B/555.jpeg': await img.plainJpeg(240, 320),
    '1B/deeper/111.jpg': await img.plainJpeg(),
    '4567.png': await img.pngWithText(300, 400),
    '999.jpg': await img.plainJpeg(),
    'foto zonder nummer.jpg': await img.plainJpeg(),
    'Thumbs.db': Buffer.from('not a photo'),
  };
});

/** A folder as a school gets it: photos named by pupil number (some with leading zeros), a class subfolder, strays. */
function photoFolder(): string {
  const dir = join(tempDir(), 'pasfoto');
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  return dir;
}

describe('importing a folder of photos', () => {
  it('stores every matching photo re-encoded, and reports every file: stored, unmatched, refused and why', async () => {
    const root = tempDir();
    const db = openTestCache(root);
    const dir = photoFolder();
    // A link to a real photo: never followed, even though it would match a pupil.
    symlinkSync(join(dir, '0789.jpg'), join(dir, '555.jpg'));

    const report = await importPhotos(db, options(dir));

    expect(PhotoImportReport.parse(report)).toEqual(report);
    expect(report).toEqual({
      files: 9,
      stored: 4,
      unmatched: ['999.jpg', 'Thumbs.db', 'foto zonder nummer.jpg'],
      rejected: [
        { file: '1B/789.JPG', code: 'duplicate', reason: 'Another file for pupil 789 came first in this import (0789.jpg).' },
        { file: '555.jpg', code: 'link', reason: 'This is a link (shortcut); links are never followed: refused.' },
      ],
    });
    // Leading zeros ignored both ways; stored under the cache's own spelling of the number.
    expect(storedPhotos(db).map((p) => [p.pupil_number, p.mime, p.width, p.height])).toEqual([
      ['004567', 'image/jpeg', 300, 400],
      ['123', 'image/jpeg', 480, 640],
      ['555', 'image/jpeg', 240, 320],
      ['789', 'image/jpeg', 300, 400],
    ]);
    db.close();
  });

  it('stores JPEGs without any of the metadata the files came with', async () => {
    const db = openTestCache(tempDir());
    await importPhotos(db, options(photoFolder()));
    for (const photo of storedPhotos(db)) {
      const meta = await sharp(photo.bytes).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', width: photo.width, height: photo.height });
      expect([meta.exif, meta.xmp, meta.icc, meta.iptc, meta.comments]).toEqual([undefined, undefined, undefined, undefined, undefined]);
      expect(img.jpegMarkers(photo.bytes).filter((m) => /^(APP(1|2|13)|COM)$/.test(m))).toEqual([]);
      for (const secret of img.SECRETS) expect(photo.bytes.toString('latin1').toLowerCase()).not.toContain(secret);
    }
    db.close();
  });

  it('gives the same report and photos with any batch size and number of decoders', async () => {
    const dir = photoFolder();
    const a = openTestCache(tempDir());
    const b = openTestCache(tempDir());
    const reportA = await importPhotosWithLimits(a, options(dir), { ...DEFAULT_LIMITS, batchSize: 1, concurrency: 1 });
    const reportB = await importPhotosWithLimits(b, options(dir), { ...DEFAULT_LIMITS, batchSize: 3, concurrency: 4 });
    expect(reportB).toEqual(reportA);
    expect(storedPhotos(b).map((p) => p.pupil_number)).toEqual(storedPhotos(a).map((p) => p.pupil_number));
    a.close();
    b.close();
  });

  it('checkpoints in small steps during the import and gives the connection its own setting back afterwards', async () => {
    const db = openTestCache(tempDir());
    const before = db.pragma('wal_autocheckpoint', { simple: true });
    const seen: unknown[] = [];
    await importPhotosWithLimits(db, options(photoFolder(), { onProgress: () => seen.push(db.pragma('wal_autocheckpoint', { simple: true })) }), { ...DEFAULT_LIMITS, batchSize: 1 });
    expect(seen).toContain(100);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(before);
  });

  it('replaces a pupil\'s earlier photo', async () => {
    const db = openTestCache(tempDir());
    db.prepare("INSERT INTO photos VALUES ('123', 'image/png', 1, 1, x'00')").run();
    await importPhotos(db, options(photoFolder()));
    expect(storedPhotos(db).find((p) => p.pupil_number === '123')).toMatchObject({ mime: 'image/jpeg', width: 480 });
    db.close();
  });

  it('reports progress: the files decided by name at once, then up to all of them', async () => {
    const db = openTestCache(tempDir());
    const calls: [number, number][] = [];
    await importPhotos(db, options(photoFolder(), { onProgress: (done, total) => calls.push([done, total]) }));
    expect(calls[0]).toEqual([4, 8]);
    expect(calls.at(-1)).toEqual([8, 8]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
    db.close();
  });

  it('stops when cancelled: the files not yet done are reported as not imported', async () => {
    const db = openTestCache(tempDir());
    const cancel = new AbortController();
    const report = await importPhotos(db, options(photoFolder(), { signal: cancel.signal, onProgress: () => cancel.abort() }));
    expect(report.stored).toBe(0);
    expect(report.rejected.filter((r) => r.reason === 'Not imported: the import was cancelled.').map((r) => r.file))
      .toEqual(['000123.jpg', '0789.jpg', '1B/555.jpeg', '4567.png']);
    expect(storedPhotos(db)).toEqual([]);
    db.close();
  });

  it('says so when the folder or ZIP is not there, or not what the kind says, or the pattern is broken', async () => {
    const db = openTestCache(tempDir());
    const dir = photoFolder();
    await expect(importPhotos(db, options(join(dir, 'nope')))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(importPhotos(db, options(dir, { kind: 'zip' }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(importPhotos(db, options(join(dir, '0789.jpg')))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(importPhotos(db, options(dir, { pattern: '([' }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    db.close();
  });

  it('reads an empty folder as an empty report', async () => {
    const db = openTestCache(tempDir());
    const empty = join(tempDir(), 'leeg');
    mkdirSync(empty);
    expect(await importPhotos(db, options(empty))).toEqual({ files: 0, stored: 0, unmatched: [], rejected: [] });
    db.close();
  });
});
