import { beforeAll, describe, expect, it } from 'vitest';
import { checkImage } from './imageCheck';
import { DEFAULT_LIMITS } from './limits';
import * as img from './testing/images';
import { buildZip } from './testing/zipWriter';

const check = (b: Buffer) => checkImage(b, DEFAULT_LIMITS);

describe('what a photo file is', () => {
  let jpeg: Buffer;
  let png: Buffer;
  beforeAll(async () => {
    jpeg = await img.plainJpeg(300, 400);
    png = await img.plainPng(300, 400);
  });

  it('accepts real JPEG and PNG files, whatever their name', async () => {
    expect(check(jpeg)).toEqual({ ok: true, format: 'jpeg', width: 300, height: 400 });
    expect(check(png)).toEqual({ ok: true, format: 'png', width: 300, height: 400 });
    expect(check(await img.jpegWithMetadata())).toMatchObject({ ok: true, format: 'jpeg', width: 600, height: 800 });
  });

  it('names what anything else is', async () => {
    expect(check(await img.gif())).toEqual({ ok: false, reason: { code: 'notImage', text: expect.stringMatching(/GIF image/) } });
    expect(check(await img.tiff())).toEqual({ ok: false, reason: { code: 'notImage', text: expect.stringMatching(/TIFF image/) } });
    expect(check(await img.webp())).toEqual({ ok: false, reason: { code: 'notImage', text: expect.stringMatching(/WebP image/) } });
    expect(check(img.svg())).toEqual({ ok: false, reason: { code: 'notImage', text: expect.stringMatching(/SVG/) } });
    expect(check(img.text())).toEqual({ ok: false, reason: { code: 'notImage', text: expect.stringMatching(/text file/) } });
    expect(check(Buffer.alloc(0))).toEqual({ ok: false, reason: { code: 'notImage', text: expect.stringMatching(/empty/) } });
    expect(check(Buffer.from([0x00, 0x01, 0x02, 0x9f, 0x80, 0x81]))).toEqual({ ok: false, reason: { code: 'notImage', text: expect.stringMatching(/unknown kind/) } });
  });

  it('refuses a truncated JPEG or PNG', async () => {
    expect(check(await img.truncatedJpeg())).toEqual({ ok: false, reason: { code: 'damaged', text: expect.stringMatching(/truncated/) } });
    expect(check(png.subarray(0, png.length - 20))).toEqual({ ok: false, reason: { code: 'damaged', text: expect.stringMatching(/truncated/) } });
    expect(check(jpeg.subarray(0, 3))).toEqual({ ok: false, reason: { code: 'damaged', text: expect.stringMatching(/truncated/) } });
  });

  it('refuses a 20000 x 20000 PNG from its header, before any decoder sees it', () => {
    const huge = img.hugePng();
    expect(huge.length).toBeLessThan(100_000);
    expect(check(huge)).toEqual({ ok: false, reason: { code: 'tooManyPixels', text: 'The image is 20000 x 20000 pixels, more than the limit of 25 megapixels.' } });
  });

  it('refuses polyglots: a JPEG or PNG with another file hidden after its end', () => {
    const zip = buildZip([{ name: 'payload.html', data: Buffer.from('<script>alert(1)</script>') }]);
    expect(check(Buffer.concat([jpeg, zip]))).toEqual({ ok: false, reason: { code: 'hiddenData', text: expect.stringMatching(/hidden after the end/) } });
    expect(check(Buffer.concat([png, Buffer.from('<html><script>alert(1)</script>')]))).toEqual({ ok: false, reason: { code: 'hiddenData', text: expect.stringMatching(/hidden after the end/) } });
  });

  it('allows padding after the end, and further JPEGs (a camera preview)', () => {
    expect(check(Buffer.concat([jpeg, Buffer.alloc(64)]))).toMatchObject({ ok: true });
    expect(check(Buffer.concat([jpeg, jpeg]))).toMatchObject({ ok: true });
  });

  it('refuses images too small to recognise anyone', async () => {
    expect(check(await img.plainJpeg(16, 16))).toEqual({ ok: false, reason: { code: 'tooSmall', text: expect.stringMatching(/too small/) } });
  });

  it('refuses a damaged structure', () => {
    const broken = Buffer.from(png);
    broken.write('I#DR', 12, 'latin1');
    expect(check(broken)).toEqual({ ok: false, reason: { code: 'damaged', text: expect.stringMatching(/damaged/) } });
    expect(check(Buffer.from([0xff, 0xd8, 0xff, 0xd8, 0, 0]))).toEqual({ ok: false, reason: { code: 'damaged', text: expect.stringMatching(/damaged/) } });
  });
});
