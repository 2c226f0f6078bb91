import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { PhotoImportReport } from '@shared/domain';
import { openTestCache } from '../testing/openTestCache';
import { useTempDirs } from '../testing/tempDir';
import { importPhotos } from './importPhotos';
import * as img from './testing/images';
import { snapshotTree } from './testing/tree';
import { buildZip, type ZipEntrySpec } from './testing/zipWriter';

const tempDir = useTempDirs();
const PATTERN = '^(\\d+)\\.(?:jpe?g|png)$';
const PUPILS = ['1', '2', '3', '10', '0042', '123456'];

let seeds: Buffer[] = [];
beforeAll(async () => {
  seeds = [await img.plainJpeg(48, 64), await img.plainPng(48, 64), await img.jpegWithMetadata(40, 40)];
});

/** Names: pupil-like, random text, and the classic attacks. */
const name = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('', '0', '00', '1B/'), fc.constantFrom(...PUPILS, '7', '99999999'), fc.constantFrom('.jpg', '.JPG', '.png', '.jpeg', '.gif', ''))
    .map(([dir, n, ext]) => `${dir}${n}${ext}`) },
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('../1.jpg', '/tmp/2.jpg', 'C:\\3.jpg', 'a/../../10.png', '..', '1\0.jpg', '\u202e2.jpg', '1B/', '//2.jpg'),
);

/** Contents: random bytes, random bytes behind a JPEG or PNG signature, and real small photos cut, flipped or extended. */
const content = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)),
  fc.tuple(fc.constantFrom(Buffer.from([0xff, 0xd8, 0xff]), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), fc.uint8Array({ maxLength: 3000 }))
    .map(([magic, rest]) => Buffer.concat([magic, rest])),
  { weight: 4, arbitrary: fc.tuple(fc.nat(2), fc.oneof(
    fc.record({ cut: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }) }),
    fc.record({ tail: fc.uint8Array({ maxLength: 200 }) }),
    { weight: 3, arbitrary: fc.constant({}) },
  )).map(([which, change]) => {
    const b = Buffer.from(seeds[which]!);
    if ('cut' in change) return b.subarray(0, Math.floor(b.length * change.cut));
    if ('flips' in change) for (const [at, x] of change.flips) b[at % b.length]! ^= x;
    if ('tail' in change) return Buffer.concat([b, change.tail]);
    return b;
  }) },
);

const zipEntry: fc.Arbitrary<ZipEntrySpec> = fc.record({
  name,
  data: content,
  method: fc.constantFrom('store' as const, 'deflate' as const),
  unixMode: fc.option(fc.constantFrom(0o100644, 0o120777, 0o040755, 0o010644, 0o140755), { nil: undefined, freq: 3 }),
  // Now and then a lie about the size (for a stored entry, yauzl then refuses the whole archive).
  sizeLie: fc.option(fc.integer({ min: -100, max: 100_000 }), { nil: undefined, freq: 8 }),
}).map(({ sizeLie, ...e }) => (sizeLie === undefined ? e : { ...e, uncompressedSize: Math.max(0, e.data.length + sizeLie) }));

/** A name the file system accepts for a plain file in a folder. */
const folderName = (raw: string, i: number) => {
  const safe = raw.replace(/[/\0]/g, '_').slice(0, 60);
  return safe === '' || safe === '.' || safe === '..' ? `leeg-${i}` : safe;
};

describe('importing anything at all', () => {
  it('only ever answers with a report, never throws, writes nothing but the cache, and stores only JPEGs', async () => {
    const base = tempDir();
    const db = openTestCache(join(base, 'cache'));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('zip' as const, 'folder' as const), fc.array(zipEntry, { maxLength: 6 }), async (kind, entries) => {
        const dir = join(base, `run-${run++}`);
        mkdirSync(dir);
        try {
          let path = dir;
          if (kind === 'zip') {
            path = join(dir, 'fotos.zip');
            writeFileSync(path, buildZip(entries));
          } else {
            entries.forEach((e, i) => writeFileSync(join(dir, folderName(e.name, i)), e.data ?? Buffer.alloc(0)));
          }
          db.exec('DELETE FROM photos');
          const before = snapshotTree(dir);

          const report = await importPhotos(db, { kind, path, pattern: PATTERN, pupilNumbers: PUPILS, onProgress: () => undefined });

          expect(PhotoImportReport.parse(report)).toEqual(report);
          expect(report.files).toBe(report.stored + report.unmatched.length + report.rejected.length);
          expect(snapshotTree(dir)).toEqual(before);
          const stored = db.prepare('SELECT mime, bytes FROM photos').all() as { mime: string; bytes: Buffer }[];
          expect(stored.length).toBe(report.stored);
          for (const photo of stored) {
            expect(photo.mime).toBe('image/jpeg');
            expect([...photo.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 1000 },
    );
    db.close();
  }, 300_000);
});
