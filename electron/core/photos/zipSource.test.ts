import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tempDir';
import { DEFAULT_LIMITS } from './limits';
import type { OpenedSource, SourceFile } from './source';
import { buildZip, deflatedZeros, type ZipEntrySpec, type ZipOptions } from './testing/zipWriter';
import { type EntryRead, openZipSource } from './zipSource';

const tempDir = useTempDirs();

async function open(entries: ZipEntrySpec[], options?: ZipOptions, limits = DEFAULT_LIMITS): Promise<OpenedSource> {
  const file = join(tempDir(), 'photos.zip');
  writeFileSync(file, buildZip(entries, options));
  return openZipSource(file, limits);
}

async function listed(entries: ZipEntrySpec[], options?: ZipOptions): Promise<SourceFile[]> {
  const source = await open(entries, options);
  if (!source.ok) throw new Error(source.reason.text);
  return source.files;
}

const photo = Buffer.alloc(2000, 7);

describe('reading a ZIP', () => {
  it('lists files (not directories) with their path inside the archive and reads them into memory', async () => {
    const files = await listed([
      { name: '1A/', data: Buffer.alloc(0), method: 'store' },
      { name: '1A/123.jpg', data: photo },
      { name: '456.jpg', data: photo, method: 'store' },
    ]);
    expect(files.map((f) => [f.name, f.refusal])).toEqual([['1A/123.jpg', null], ['456.jpg', null]]);
    expect(await files[0]!.read()).toEqual({ ok: true, bytes: photo, bytesRead: photo.length });
  });

  it('refuses each unsafe entry on its own and goes on with the rest (yauzl alone would fail the whole archive)', async () => {
    const files = await listed([
      { name: '../evil.jpg', data: photo },
      { name: '/tmp/evil.jpg', data: photo },
      { name: 'C:\\evil.jpg', data: photo },
      { name: 'link.jpg', data: Buffer.from('/etc/passwd'), method: 'store', unixMode: 0o120777 },
      { name: 'fifo.jpg', data: Buffer.alloc(0), method: 'store', unixMode: 0o010644 },
      { name: '123.jpg', data: photo, unixMode: 0o100644 },
    ]);
    expect(files.map((f) => [f.name, f.refusal])).toEqual([
      ['../evil.jpg', { code: 'unsafeName', text: expect.stringMatching(/climbs out/) }],
      ['/tmp/evil.jpg', { code: 'unsafeName', text: expect.stringMatching(/absolute path/) }],
      ['C:\\evil.jpg', { code: 'unsafeName', text: expect.stringMatching(/backslash/) }],
      ['link.jpg', { code: 'link', text: expect.stringMatching(/symbolic link/) }],
      ['fifo.jpg', { code: 'notAFile', text: expect.stringMatching(/not an ordinary file/) }],
      ['123.jpg', null],
    ]);
  });

  it('refuses bombs from the central directory alone: declared size, compression ratio', async () => {
    const files = await listed([
      { name: 'huge.jpg', raw: deflatedZeros(1), uncompressedSize: 0xfffffffe },
      { name: 'ratio.jpg', raw: deflatedZeros(20), uncompressedSize: 20 * 1024 * 1024 },
      { name: 'locked.jpg', data: photo, encrypted: true },
    ]);
    expect(files[0]!.refusal).toEqual({ code: 'tooLarge', text: expect.stringMatching(/unpacks to 4 GB, more than the 25 MB allowed per photo/) });
    expect(files[1]!.refusal).toEqual({ code: 'zipBomb', text: expect.stringMatching(/1\d{3} times its packed size.*ZIP bomb/) });
    expect(files[2]!.refusal).toEqual({ code: 'encrypted', text: expect.stringMatching(/password-protected/) });
  });

  it('stops an entry whose real size is larger than it declares, after reading next to nothing', async () => {
    // 1 GB of zeros, declared as 3000 bytes: the ratio looks harmless, the declared size is a lie.
    const files = await listed([{ name: 'liar.jpg', raw: deflatedZeros(1024), uncompressedSize: 3000 }]);
    expect(files[0]!.refusal).toBeNull();
    // A ZIP's files answer with what they read (EntryRead).
    const read = (await files[0]!.read()) as EntryRead;
    expect(read).toMatchObject({ ok: false, reason: { code: 'zipBomb', text: expect.stringMatching(/declares|bomb/) } });
    expect(read.bytesRead).toBeLessThan(1024 * 1024);
  });

  it('survives reading a bomb and other entries at the same time (yauzl would throw outside any promise)', async () => {
    const files = await listed([
      { name: 'liar.jpg', raw: deflatedZeros(64), uncompressedSize: 3000 },
      ...Array.from({ length: 5 }, (_, i) => ({ name: `${i}.jpg`, data: Buffer.alloc(300_000, i) })),
    ]);
    const reads = await Promise.all(files.map((f) => f.read()));
    expect(reads.map((r) => r.ok)).toEqual([false, true, true, true, true, true]);
  });

  it('refuses an entry that unpacks to less than it declares, or whose data is damaged', async () => {
    const files = await listed([
      { name: 'short.jpg', data: photo, uncompressedSize: photo.length + 10 },
      { name: 'garbage.jpg', raw: Buffer.alloc(100, 0xff), uncompressedSize: 200 },
    ]);
    expect(await files[0]!.read()).toMatchObject({ ok: false, reason: { code: 'zipBomb', text: expect.stringMatching(/does not unpack to the size/) } });
    expect(await files[1]!.read()).toMatchObject({ ok: false, reason: expect.objectContaining({ text: expect.stringMatching(/could not be unpacked|does not unpack/) }) });
  });

  it('refuses the whole archive for 10^5 entries, before listing them', async () => {
    const source = await open([{ name: '1.jpg', data: photo }], { copies: { of: 0, count: 100_000, name: (i) => `${i + 2}.jpg` } });
    expect(source).toEqual({ ok: false, reason: { code: 'tooManyFiles', text: expect.stringMatching(/holds 100001 entries, more than the 20000/) } });
  });

  it('refuses the whole archive when its entries together declare more than the total limit', async () => {
    // 100 overlapping entries of 24 MB each, all pointing at the same few bytes: 2.4 GB declared.
    const source = await open([{ name: '0.jpg', data: photo, method: 'store', uncompressedSize: 24 * 1024 * 1024, compressedSize: 24 * 1024 * 1024 }],
      { copies: { of: 0, count: 99, name: (i) => `${i + 1}.jpg` } });
    expect(source).toEqual({ ok: false, reason: { code: 'tooLarge', text: expect.stringMatching(/unpacks to 2\.3 GB in all, more than the 2 GB/) } });
  });

  it('refuses what is not a ZIP, or a damaged one', async () => {
    const notZip = join(tempDir(), 'photos.zip');
    writeFileSync(notZip, 'not a zip at all');
    expect(await openZipSource(notZip, DEFAULT_LIMITS)).toEqual({ ok: false, reason: { code: 'notZip', text: expect.stringMatching(/not a ZIP file that can be read/) } });
    const zip = buildZip([{ name: '1.jpg', data: photo }, { name: '2.jpg', data: photo }]);
    const cd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(0xdeadbeef, cd);
    const damaged = join(tempDir(), 'damaged.zip');
    writeFileSync(damaged, zip);
    expect(await openZipSource(damaged, DEFAULT_LIMITS)).toEqual({ ok: false, reason: { code: 'damaged', text: expect.stringMatching(/damaged/) } });
  });
});
