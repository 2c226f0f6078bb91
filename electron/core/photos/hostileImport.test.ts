import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PhotoImportReport } from '@shared/domain';
import type { CacheDb } from '../db/open';
import { openTestCache } from '../testing/openTestCache';
import { useTempDirs } from '../testing/tempDir';
import { importPhotos, importPhotosWithLimits } from './importPhotos';
import { DEFAULT_LIMITS } from './limits';
import * as img from './testing/images';
import { snapshotTree } from './testing/tree';
import { buildZip, deflatedZeros, type ZipEntrySpec } from './testing/zipWriter';
import type { PhotoImportOptions } from './types';

/*
 * The hostile set (docs/security-model.md §5, photo import; issue 4 "Must show"): every attack is refused with its reason in
 * the report, nothing is written anywhere but the cache, only the good photos reach the cache, and a ZIP bomb is
 * stopped, not inflated.
 */

const tempDir = useTempDirs();
// Any extension, so that a GIF named .gif is checked (and refused) rather than left unmatched.
const PATTERN = '^(\\d+)\\.[a-z]+$';
const PUPILS = Array.from({ length: 30 }, (_, i) => String(100_001 + i));

let good: { jpeg: Buffer; png: Buffer };
let hostile: Record<string, Buffer>;
beforeAll(async () => {
  good = { jpeg: await img.jpegWithMetadata(600, 800), png: await img.pngWithText(300, 400) };
  const zip = buildZip([{ name: 'payload.html', data: Buffer.from('<script>alert(1)</script>') }]);
  hostile = {
    huge: img.hugePng(20_000, 20_000),
    truncated: await img.truncatedJpeg(),
    text: img.text(),
    svg: img.svg(),
    gif: await img.gif(),
    tiff: await img.tiff(),
    webp: await img.webp(),
    polyglot: Buffer.concat([await img.plainJpeg(), zip]),
  };
});

const options = (kind: 'folder' | 'zip', path: string, extra: Partial<PhotoImportOptions> = {}): PhotoImportOptions => ({
  kind, path, pattern: PATTERN, pupilNumbers: PUPILS, onProgress: () => undefined, ...extra,
});

const storedNumbers = (db: CacheDb) => db.prepare('SELECT pupil_number FROM photos ORDER BY pupil_number').pluck().all();

/** The test's own folder tree, the shared temp folder's names, and the places an extractor would have written to. */
function watchedState(root: string, absoluteTargets: string[]) {
  return {
    // The cache's own files change on import; everything else must stay exactly as it was.
    tree: snapshotTree(root, (p) => p.startsWith('cache/')),
    // Other tests may create folders in the shared temp folder meanwhile: look only for names from the hostile set.
    tmp: readdirSync(tmpdir()).filter((n) => /^1000\d\d\.|evil|^vips-/.test(n)).sort(),
    targets: absoluteTargets.map((t) => existsSync(t)),
  };
}

/** Highest resident memory while `run` runs, sampled as the event loop turns (the importer yields between files). */
async function peakRss<T>(run: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

describe('a hostile ZIP', () => {
  it('refuses every attack with its reason, stores only the good photos, writes nothing else, and does not inflate the bomb', async () => {
    const root = tempDir();
    const db = openTestCache(join(root, 'cache'));
    const absoluteTarget = join(tmpdir(), '100004.jpg');
    const entries: ZipEntrySpec[] = [
      { name: 'goed/100001.jpg', data: good.jpeg },
      { name: 'goed/100002.png', data: good.png, method: 'store' },
      { name: '../100003.jpg', data: good.jpeg },
      { name: absoluteTarget, data: good.jpeg },
      { name: 'C:\\100005.jpg', data: good.jpeg },
      { name: '100006.jpg', data: Buffer.from('/etc/passwd'), method: 'store', unixMode: 0o120777 },
      // 1 GB of zeros declared as 3000 bytes; 20 MB at 1000:1; 4 GB declared.
      { name: '100007.jpg', raw: deflatedZeros(1024), uncompressedSize: 3000 },
      { name: '100008.jpg', raw: deflatedZeros(20), uncompressedSize: 20 * 1024 * 1024 },
      { name: '100009.jpg', raw: deflatedZeros(4), uncompressedSize: 0xfffffffe },
      { name: '100010.png', data: hostile.huge!, method: 'store' },
      { name: '100011.jpg', data: hostile.truncated! },
      { name: '100012.jpg', data: hostile.text! },
      { name: '100013.png', data: hostile.svg! },
      { name: '100014.jpg', data: hostile.gif! },
      { name: '100015.gif', data: hostile.gif! },
      { name: '100016.tif', data: hostile.tiff! },
      { name: '100017.webp', data: hostile.webp! },
      { name: '100018.jpg', data: hostile.polyglot! },
    ];
    mkdirSync(join(root, 'inputs'));
    const zipFile = join(root, 'inputs', 'pasfotos.zip');
    writeFileSync(zipFile, buildZip(entries));
    const targets = [absoluteTarget, join(root, '100003.jpg'), join(process.cwd(), '..', '100003.jpg'), join(process.cwd(), 'C:\\100005.jpg')];
    db.prepare('SELECT count(*) FROM photos').get();
    const before = watchedState(root, targets);

    const { result: report, growth } = await peakRss(() => importPhotos(db, options('zip', zipFile)));

    expect(PhotoImportReport.parse(report)).toEqual(report);
    const reasons = Object.fromEntries(report.rejected.map((r) => [r.file, r.reason]));
    expect(reasons).toEqual({
      '../100003.jpg': expect.stringMatching(/climbs out of the archive/),
      [absoluteTarget]: expect.stringMatching(/absolute path/),
      'C:\\100005.jpg': expect.stringMatching(/backslash/),
      '100006.jpg': expect.stringMatching(/symbolic link/),
      '100007.jpg': expect.stringMatching(/(more than it declares|size the archive declares)/),
      '100008.jpg': expect.stringMatching(/times its packed size.*ZIP bomb/),
      '100009.jpg': expect.stringMatching(/unpacks to 4 GB, more than the 25 MB allowed/),
      '100010.png': 'The image is 20000 x 20000 pixels, more than the limit of 25 megapixels.',
      '100011.jpg': expect.stringMatching(/truncated/),
      '100012.jpg': 'This is a text file, not a photo.',
      '100013.png': 'This is an SVG drawing (text), not a photo.',
      '100014.jpg': 'This is a GIF image; only JPEG and PNG photos are imported.',
      '100015.gif': 'This is a GIF image; only JPEG and PNG photos are imported.',
      '100016.tif': 'This is a TIFF image; only JPEG and PNG photos are imported.',
      '100017.webp': 'This is a WebP image; only JPEG and PNG photos are imported.',
      '100018.jpg': expect.stringMatching(/other data hidden after the end of the image/),
    });
    expect(report).toMatchObject({ files: entries.length, stored: 2, unmatched: [] });

    expect(storedNumbers(db)).toEqual(['100001', '100002']);
    expect(watchedState(root, targets)).toEqual(before);
    // Inflating the bomb would have taken a gigabyte; it was stopped after its declared 3000 bytes.
    expect(growth).toBeLessThan(300 * 1024 * 1024);
    db.close();
  });

  it('refuses archives that are bombs as a whole: 10^5 entries, 2.3 GB declared in all, not a ZIP at all', async () => {
    const root = tempDir();
    const db = openTestCache(join(root, 'cache'));
    mkdirSync(join(root, 'inputs'));
    const zips = {
      'entries.zip': buildZip([{ name: '100001.jpg', data: good.jpeg }], { copies: { of: 0, count: 100_000, name: (i) => `${i}/100001.jpg` } }),
      'overlap.zip': buildZip([{ name: '100001.jpg', data: good.jpeg, method: 'store', uncompressedSize: 24 << 20, compressedSize: 24 << 20 }],
        { copies: { of: 0, count: 99, name: (i) => `${100_002 + (i % 20)}/${i}.jpg` } }),
      'fake.zip': good.jpeg,
    };
    for (const [name, bytes] of Object.entries(zips)) writeFileSync(join(root, 'inputs', name), bytes);
    db.prepare('SELECT count(*) FROM photos').get();
    const before = watchedState(root, []);

    const reports = [];
    for (const name of Object.keys(zips)) reports.push(await importPhotos(db, options('zip', join(root, 'inputs', name))));

    expect(reports).toEqual([
      { files: 1, stored: 0, unmatched: [], rejected: [{ file: 'entries.zip', code: 'tooManyFiles', reason: expect.stringMatching(/holds 100001 entries, more than the 20000/) }] },
      { files: 1, stored: 0, unmatched: [], rejected: [{ file: 'overlap.zip', code: 'tooLarge', reason: expect.stringMatching(/2\.3 GB in all, more than the 2 GB/) }] },
      { files: 1, stored: 0, unmatched: [], rejected: [{ file: 'fake.zip', code: 'notZip', reason: expect.stringMatching(/not a ZIP file/) }] },
    ]);
    expect(storedNumbers(db)).toEqual([]);
    expect(watchedState(root, [])).toEqual(before);
    db.close();
  });
});

describe('a hostile folder', () => {
  it('follows no link, opens no pipe, reads no oversized file, and refuses every image attack', async () => {
    const root = tempDir();
    const db = openTestCache(join(root, 'cache'));
    const outside = join(root, 'outside');
    mkdirSync(join(outside, 'klas'), { recursive: true });
    writeFileSync(join(outside, '100009.jpg'), good.jpeg);
    writeFileSync(join(outside, 'klas', '100010.jpg'), good.jpeg);
    const dir = join(root, 'inputs');
    mkdirSync(dir);
    writeFileSync(join(dir, '100001.jpg'), good.jpeg);
    writeFileSync(join(dir, '100002.png'), good.png);
    symlinkSync(join(outside, '100009.jpg'), join(dir, '100003.jpg'));
    symlinkSync(join(outside, 'klas'), join(dir, 'klas'));
    symlinkSync('/etc/passwd', join(dir, '100004.jpg'));
    const hasFifo = process.platform !== 'win32' && spawnSync('mkfifo', [join(dir, '100005.jpg')]).status === 0;
    writeFileSync(join(dir, '100006.jpg'), Buffer.concat([good.jpeg, Buffer.alloc(2_000_000)]));
    writeFileSync(join(dir, '100010.png'), hostile.huge!);
    writeFileSync(join(dir, '100011.jpg'), hostile.truncated!);
    writeFileSync(join(dir, '100012.jpg'), hostile.text!);
    writeFileSync(join(dir, '100013.png'), hostile.svg!);
    writeFileSync(join(dir, '100014.jpg'), hostile.gif!);
    writeFileSync(join(dir, '100018.jpg'), hostile.polyglot!);
    db.prepare('SELECT count(*) FROM photos').get();
    const before = watchedState(root, []);

    // A per-photo limit of 1 MB, so the padded JPEG is too large to read.
    const report = await importPhotosWithLimits(db, options('folder', dir), { ...DEFAULT_LIMITS, maxFileBytes: 1024 * 1024 });

    const reasons = Object.fromEntries(report.rejected.map((r) => [r.file, r.reason]));
    expect(reasons).toEqual({
      '100003.jpg': expect.stringMatching(/link.*never followed/),
      '100004.jpg': expect.stringMatching(/link.*never followed/),
      ...(hasFifo ? { '100005.jpg': expect.stringMatching(/not an ordinary file/) } : {}),
      '100006.jpg': expect.stringMatching(/more than the 1 MB allowed per photo/),
      '100010.png': expect.stringMatching(/20000 x 20000 pixels/),
      '100011.jpg': expect.stringMatching(/truncated/),
      '100012.jpg': expect.stringMatching(/text file/),
      '100013.png': expect.stringMatching(/SVG/),
      '100014.jpg': expect.stringMatching(/GIF/),
      '100018.jpg': expect.stringMatching(/hidden after the end/),
      klas: expect.stringMatching(/link.*never followed/),
    });
    expect(report.stored).toBe(2);
    expect(storedNumbers(db)).toEqual(['100001', '100002']);
    expect(watchedState(root, [])).toEqual(before);
    db.close();
  });
});
