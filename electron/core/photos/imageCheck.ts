import type { PhotoLimits } from './limits';
import { type Refusal, refusal } from './refusal';

export type ImageCheck =
  | { ok: true; format: 'jpeg' | 'png'; width: number; height: number }
  | { ok: false; reason: Refusal };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const ascii = (b: Buffer, at: number, text: string) => b.length >= at + text.length && b.toString('latin1', at, at + text.length) === text;

/** What a file that is not a JPEG or PNG is, in words for the report; only the first bytes are looked at. */
function describeOther(b: Buffer): string {
  if (b.length === 0) return 'The file is empty.';
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return 'This is a GIF image; only JPEG and PNG photos are imported.';
  if (ascii(b, 0, 'II*\0') || ascii(b, 0, 'MM\0*')) return 'This is a TIFF image; only JPEG and PNG photos are imported.';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return 'This is a WebP image; only JPEG and PNG photos are imported.';
  if (ascii(b, 4, 'ftyp')) return 'This is a HEIC/AVIF image or a video; only JPEG and PNG photos are imported.';
  if (ascii(b, 0, 'BM')) return 'This is a BMP image; only JPEG and PNG photos are imported.';
  if (ascii(b, 0, '%PDF')) return 'This is a PDF document, not a photo.';
  if (ascii(b, 0, 'PK\x03\x04')) return 'This is a ZIP file inside the import; archives inside archives are not opened.';
  const start = b.toString('utf8', 0, Math.min(b.length, 512)).replace(/^\ufeff/, '').trimStart().toLowerCase();
  if (start.startsWith('<')) return start.includes('<svg') ? 'This is an SVG drawing (text), not a photo.' : 'This is XML or HTML text, not a photo.';
  const sample = b.subarray(0, Math.min(b.length, 512));
  const printable = sample.filter((c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127) || c >= 0xc2).length;
  if (printable / sample.length > 0.95) return 'This is a text file, not a photo.';
  return 'This is not a JPEG or PNG photo (the content is of an unknown kind).';
}

type Walk = { ok: true; width: number; height: number; end: number } | { ok: false; reason: Refusal };

const TRUNCATED = 'The image is cut off (truncated): the file ends before the picture does.';

const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/**
 * Walks a JPEG's segments to its end marker (EOI): the frame size from SOF, and where the image ends. Entropy-coded
 * data is skipped with indexOf (native), so a 25 MB file costs milliseconds, not a long loop on the event loop.
 */
function walkJpeg(b: Buffer): Walk {
  let pos = 2;
  let size: { width: number; height: number } | null = null;
  for (;;) {
    if (pos >= b.length) return { ok: false, reason: refusal('damaged', TRUNCATED) };
    if (b[pos] !== 0xff) return { ok: false, reason: refusal('damaged', 'The JPEG is damaged (its structure is broken).') };
    while (pos < b.length && b[pos] === 0xff) pos++;
    if (pos >= b.length) return { ok: false, reason: refusal('damaged', TRUNCATED) };
    const marker = b[pos++]!;
    if (marker === 0xd9) {
      if (!size) return { ok: false, reason: refusal('damaged', 'The JPEG holds no picture.') };
      return { ok: true, ...size, end: pos };
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
    if (marker === 0xd8 || marker === 0x00) return { ok: false, reason: refusal('damaged', 'The JPEG is damaged (its structure is broken).') };
    if (pos + 2 > b.length) return { ok: false, reason: refusal('damaged', TRUNCATED) };
    const length = b.readUInt16BE(pos);
    if (length < 2) return { ok: false, reason: refusal('damaged', 'The JPEG is damaged (its structure is broken).') };
    const end = pos + length;
    if (end > b.length) return { ok: false, reason: refusal('damaged', TRUNCATED) };
    if (isSof(marker) && !size) {
      if (length < 8) return { ok: false, reason: refusal('damaged', 'The JPEG is damaged (its structure is broken).') };
      size = { height: b.readUInt16BE(pos + 3), width: b.readUInt16BE(pos + 5) };
    }
    pos = end;
    if (marker !== 0xda) continue;
    if (!size) return { ok: false, reason: refusal('damaged', 'The JPEG is damaged (picture data before its size).') };
    // Scan data: 0xFF is followed by 0x00 (a stuffed byte), a restart marker or fill; anything else is the next marker.
    for (;;) {
      const ff = b.indexOf(0xff, pos);
      if (ff < 0 || ff + 1 >= b.length) return { ok: false, reason: refusal('damaged', TRUNCATED) };
      const next = b[ff + 1]!;
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) pos = ff + 2;
      else if (next === 0xff) pos = ff + 1;
      else {
        pos = ff;
        break;
      }
    }
  }
}

/** Walks a PNG's chunks to IEND: the size from IHDR, that there is picture data, and where the image ends. */
function walkPng(b: Buffer): Walk {
  let pos = 8;
  let size: { width: number; height: number } | null = null;
  let hasData = false;
  for (;;) {
    if (pos + 8 > b.length) return { ok: false, reason: refusal('damaged', TRUNCATED) };
    const length = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) return { ok: false, reason: refusal('damaged', 'The PNG is damaged (its structure is broken).') };
    const end = pos + 12 + length;
    if (end > b.length) return { ok: false, reason: refusal('damaged', TRUNCATED) };
    if (!size) {
      if (type !== 'IHDR' || length !== 13) return { ok: false, reason: refusal('damaged', 'The PNG is damaged (it does not start with its header).') };
      size = { width: b.readUInt32BE(pos + 8), height: b.readUInt32BE(pos + 12) };
    }
    if (type === 'IDAT') hasData = true;
    pos = end;
    if (type === 'IEND') {
      if (!hasData) return { ok: false, reason: refusal('damaged', 'The PNG holds no picture.') };
      return { ok: true, ...size, end };
    }
  }
}

/** After the end of the image: nothing, padding, or (JPEG) further embedded JPEGs such as a camera's previews. */
function trailerIsHarmless(b: Buffer, end: number, format: 'jpeg' | 'png'): boolean {
  if (end >= b.length) return true;
  if (format === 'jpeg' && b.length >= end + 3 && b[end] === 0xff && b[end + 1] === 0xd8 && b[end + 2] === 0xff) return true;
  for (let i = end; i < b.length; i++) {
    const c = b[i]!;
    if (c !== 0x00 && c !== 0xff && c !== 0x0a && c !== 0x0d && c !== 0x20) return false;
  }
  return true;
}

/**
 * Is this a real JPEG or PNG we are willing to decode? Magic bytes first (GIF, TIFF, SVG, WebP, text named .jpg
 * are refused by what they are, not by their name), then the structure: the declared size against the pixel
 * limit before any decoder sees it, truncation, and data hidden after the image's end (a polyglot). The stored
 * photo is re-encoded from pixels, so nothing hidden could survive anyway; refusing tells the school the file is odd.
 */
export function checkImage(b: Buffer, limits: Pick<PhotoLimits, 'maxPixels' | 'minSide'>): ImageCheck {
  const format = b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff ? 'jpeg'
    : b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE) ? 'png' : null;
  if (!format) return { ok: false, reason: refusal('notImage', describeOther(b)) };
  const walk = format === 'jpeg' ? walkJpeg(b) : walkPng(b);
  if (!walk.ok) return walk;
  const { width, height } = walk;
  if (width === 0 || height === 0) return { ok: false, reason: refusal('damaged', `The ${format.toUpperCase()} is damaged (it says it is ${width} x ${height} pixels).`) };
  if (width * height > limits.maxPixels) {
    return { ok: false, reason: refusal('tooManyPixels', `The image is ${width} x ${height} pixels, more than the limit of ${limits.maxPixels / 1e6} megapixels.`) };
  }
  if (width < limits.minSide || height < limits.minSide) return { ok: false, reason: refusal('tooSmall', `The image is only ${width} x ${height} pixels: too small to recognise anyone.`) };
  if (!trailerIsHarmless(b, walk.end, format)) return { ok: false, reason: refusal('hiddenData', 'There is other data hidden after the end of the image (a file disguised as a photo?): refused.') };
  return { ok: true, format, width, height };
}
