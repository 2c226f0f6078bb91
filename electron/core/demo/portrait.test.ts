import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Pupil } from '@shared/domain';
import { demoPortraits, generateDemoPortrait } from './portrait';

interface Chunk { type: string; data: Buffer }

function chunks(png: Uint8Array): Chunk[] {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const out: Chunk[] = [];
  for (let at = 8; at < buf.length;) {
    const length = buf.readUInt32BE(at);
    out.push({ type: buf.toString('latin1', at + 4, at + 8), data: buf.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

describe('demo portraits', () => {
  it('are valid palette PNGs of 150x200', () => {
    const photo = generateDemoPortrait('123456');
    expect(photo).toMatchObject({ pupilNumber: '123456', mime: 'image/png', width: 150, height: 200 });
    expect([...photo.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const parts = chunks(photo.bytes);
    expect(parts.map((c) => c.type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
    const ihdr = parts[0]?.data as Buffer;
    expect(ihdr.readUInt32BE(0)).toBe(150);
    expect(ihdr.readUInt32BE(4)).toBe(200);
    expect([ihdr[8], ihdr[9]]).toEqual([8, 3]);
    const pixels = inflateSync(Buffer.concat(parts.filter((c) => c.type === 'IDAT').map((c) => c.data)));
    expect(pixels.length).toBe(200 * (1 + 150));
    const paletteSize = (parts[1]?.data.length ?? 0) / 3;
    for (let y = 0; y < 200; y++) {
      expect(pixels[y * 151]).toBe(0);
      for (let x = 1; x <= 150; x++) expect(pixels[y * 151 + x]).toBeLessThan(paletteSize);
    }
  });

  it('are the same for the same pupil and differ between pupils', () => {
    expect(generateDemoPortrait('100200').bytes).toEqual(generateDemoPortrait('100200').bytes);
    expect(generateDemoPortrait('100200').bytes).not.toEqual(generateDemoPortrait('100201').bytes);
    const distinct = new Set(Array.from({ length: 50 }, (_, i) => Buffer.from(generateDemoPortrait(String(200000 + i)).bytes).toString('base64')));
    expect(distinct.size).toBe(50);
  });

  it('own their bytes, so a photo can be transferred to a worker alone', () => {
    const { bytes } = generateDemoPortrait('555555');
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
  });

  it('are made for every pupil, with progress, fast', () => {
    const pupils = Array.from({ length: 1000 }, (_, i): Pupil => ({
      firstName: 'Kim', prefix: null, lastName: 'Jansen', number: String(300000 + i), photoConsent: i % 10 !== 0, groups: ['1A'],
    }));
    const progress: number[] = [];
    const started = performance.now();
    const photos = demoPortraits(pupils, (done) => progress.push(done));
    const msEach = (performance.now() - started) / pupils.length;
    expect(photos.map((p) => p.pupilNumber)).toEqual(pupils.map((p) => p.number));
    expect(progress).toEqual([250, 500, 750, 1000]);
    // About 0.1 ms each on the project's machines; the bound leaves room for a busy CI runner.
    expect(msEach).toBeLessThan(2);
  });
});
