import sharp from 'sharp';
import type { PhotoLimits } from './limits';
import { type Refusal, refusal } from './refusal';

let hardened = false;

/**
 * Process-wide sharp settings for untrusted photos, applied once before the first decode. Only the photo importer
 * uses sharp in the core, so process-wide is what we want:
 * - every libvips loader blocked except JPEG and PNG: even if a file got past our own checks, the GIF, TIFF, SVG
 *   (librsvg), HEIF, PDF, ... decoders are never reached;
 * - no operation cache: decoded pupil photos are not kept around in memory after use;
 * - libvips spills images larger than its "disc threshold" (100 MB by default) to an unencrypted temp file when it
 *   needs random access. Our pixel limit keeps the worst case (16-bit RGBA PNG) at 200 MB, so the threshold is
 *   raised above that: photos stay in memory, never on disk. libvips reads this variable on first need, not at load.
 */
export function hardenSharp(): void {
  if (hardened) return;
  hardened = true;
  process.env.VIPS_DISC_THRESHOLD = '1g';
  sharp.cache(false);
  sharp.block({ operation: ['VipsForeignLoad'] });
  sharp.unblock({ operation: ['VipsForeignLoadJpeg', 'VipsForeignLoadPng'] });
}

export type Reencoded = { ok: true; bytes: Buffer; width: number; height: number } | { ok: false; reason: Refusal };

/** sharp's messages, in the words of the report. */
function plainReason(message: string, maxPixels: number): Refusal {
  if (/pixel limit/i.test(message)) return refusal('tooManyPixels', `The image is larger than the limit of ${maxPixels / 1e6} megapixels.`);
  if (/premature end|truncat|unexpected end|not enough data/i.test(message)) return refusal('damaged', 'The image is cut off (truncated): the file ends before the picture does.');
  if (/unsupported image format|blocked/i.test(message)) return refusal('notImage', 'This is not a JPEG or PNG photo.');
  return refusal('damaged', `The image is damaged and cannot be read (${message.replace(/\s+/g, ' ').slice(0, 160)}).`);
}

/**
 * Decodes a checked JPEG or PNG and encodes it afresh as a baseline JPEG that fits the output box: turned upright
 * by its EXIF orientation, flattened onto white, converted to sRGB, and with no metadata at all (sharp writes
 * none unless asked: no EXIF, GPS, XMP, IPTC, comments or ICC profile). Decoding runs in sharp's threads, not on
 * the event loop. `failOn: 'warning'` refuses anything libjpeg or libpng would merely complain about.
 */
export async function reencodeToJpeg(input: Buffer, limits: Pick<PhotoLimits, 'maxPixels' | 'outputWidth' | 'outputHeight' | 'jpegQuality'>): Promise<Reencoded> {
  hardenSharp();
  try {
    const { data, info } = await sharp(input, { limitInputPixels: limits.maxPixels, failOn: 'warning', autoOrient: true, sequentialRead: true })
      .resize({ width: limits.outputWidth, height: limits.outputHeight, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .jpeg({ quality: limits.jpegQuality, chromaSubsampling: '4:2:0' })
      .toBuffer({ resolveWithObject: true });
    return { ok: true, bytes: data, width: info.width, height: info.height };
  } catch (error) {
    return { ok: false, reason: plainReason(error instanceof Error ? error.message : String(error), limits.maxPixels) };
  }
}
