import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from './limits';
import { reencodeToJpeg } from './reencode';
import * as img from './testing/images';

const reencode = (b: Buffer) => reencodeToJpeg(b, DEFAULT_LIMITS);

describe('re-encoding a photo', () => {
  it('stores a fresh JPEG in the 480 x 640 box with no metadata: no EXIF, GPS, XMP, comment or ICC', async () => {
    const input = await img.jpegWithMetadata(600, 800);
    expect(input.toString('latin1')).toContain('comment-secret');
    const before = await sharp(input).metadata();
    expect(before.exif?.toString('latin1')).toContain('exif-secret');
    expect(before.icc).toBeDefined();
    expect(before.xmp).toBeDefined();
    const out = await reencode(input);
    expect(out).toMatchObject({ ok: true, width: 480, height: 640 });
    if (!out.ok) return;
    const meta = await sharp(out.bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 480, height: 640, space: 'srgb' });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(img.jpegMarkers(out.bytes).filter((m) => /^APP[1-9]|APP1\d|COM/.test(m))).toEqual([]);
    for (const secret of img.SECRETS) expect(out.bytes.toString('latin1').toLowerCase()).not.toContain(secret);
  });

  it('turns a photo upright by its EXIF orientation', async () => {
    // Stored sideways (landscape pixels) with "rotate 90" in EXIF: a portrait photo.
    const out = await reencode(await img.jpegWithMetadata(800, 600, 6));
    expect((await sharp(await img.jpegWithMetadata(800, 600, 6)).metadata()).orientation).toBe(6);
    expect(out).toMatchObject({ ok: true, width: 480, height: 640 });
    expect(out.ok && (await sharp(out.bytes).metadata()).orientation).toBeUndefined();
  });

  it('never enlarges a small photo, and flattens a transparent PNG onto white', async () => {
    const out = await reencode(await img.pngWithText(300, 400));
    expect(out).toMatchObject({ ok: true, width: 300, height: 400 });
    if (!out.ok) return;
    expect(out.bytes.toString('latin1')).not.toContain('png-text-secret');
    const { channels, hasAlpha } = await sharp(out.bytes).metadata();
    expect({ channels, hasAlpha }).toEqual({ channels: 3, hasAlpha: false });
  });

  it("refuses what got past the file checks: sharp's own pixel limit, truncation, and blocked loaders", async () => {
    expect(await reencode(img.hugePng())).toEqual({ ok: false, reason: { code: 'tooManyPixels', text: 'The image is larger than the limit of 25 megapixels.' } });
    expect(await reencode(await img.truncatedJpeg())).toEqual({ ok: false, reason: { code: 'damaged', text: expect.stringMatching(/truncated/) } });
    // Even handed straight to sharp, the GIF, TIFF, WebP and SVG decoders are blocked.
    for (const other of [await img.gif(), await img.tiff(), await img.webp(), img.svg()]) {
      expect(await reencode(other)).toEqual({ ok: false, reason: { code: 'notImage', text: 'This is not a JPEG or PNG photo.' } });
    }
  });
});
