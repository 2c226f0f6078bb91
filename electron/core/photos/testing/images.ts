import sharp from 'sharp';
import { crc32, deflateSync } from 'node:zlib';

/** Test images, made with sharp or by hand, for what the importer must keep and what it must refuse. */

// Readable markers planted in the metadata. The GPS position is binary EXIF (no text to look for): the checks
// that no EXIF and no APP1 segment is left cover it. Each marker is long enough not to turn up by chance in
// compressed image data ("gps" did, now and then).
export const SECRETS = ['exif-secret', 'comment-secret', 'xmp-secret', 'png-text-secret'] as const;

const noisy = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#8aa0c0', noise: { type: 'gaussian', mean: 128, sigma: 40 } } });

/** A JPEG segment inserted right after SOI. */
function withJpegSegment(jpeg: Buffer, marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), head, payload, jpeg.subarray(2)]);
}

/** A JPEG carrying what must never be stored: EXIF with a description and GPS position, XMP, an ICC profile, a comment. */
export async function jpegWithMetadata(width = 600, height = 800, orientation = 1): Promise<Buffer> {
  const jpeg = await noisy(width, height)
    // withMetadata: the orientation tag (withExif cannot set it) and an sRGB ICC profile.
    .withMetadata({ orientation })
    .withExif({
      IFD0: { ImageDescription: 'exif-secret', Copyright: 'exif-secret' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 54/1 0/1' },
    })
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>xmp-secret</rdf:Description></rdf:RDF></x:xmpmeta>')
    .jpeg({ quality: 90 })
    .toBuffer();
  return withJpegSegment(jpeg, 0xfe, Buffer.from('comment-secret'));
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** A PNG with an alpha channel and a tEXt comment. */
export async function pngWithText(width = 300, height = 400): Promise<Buffer> {
  const png = await sharp({ create: { width, height, channels: 4, background: { r: 200, g: 80, b: 60, alpha: 0.5 } } }).png().toBuffer();
  // IHDR is the first chunk: 8 bytes of signature + 25 bytes of chunk.
  return Buffer.concat([png.subarray(0, 33), pngChunk('tEXt', Buffer.from('Comment\0png-text-secret', 'latin1')), png.subarray(33)]);
}

/** A real, valid PNG of width x height (1-bit grey, all black) in a few tens of KB: a decompression bomb for decoders. */
export function hugePng(width = 20_000, height = 20_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8);
  const rows = deflateSync(Buffer.alloc(height * (1 + Math.ceil(width / 8))), { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', rows), pngChunk('IEND', Buffer.alloc(0))]);
}

export const plainJpeg = (width = 200, height = 260) => noisy(width, height).jpeg().toBuffer();
export const plainPng = (width = 200, height = 260) => noisy(width, height).png().toBuffer();
export const gif = () => noisy(64, 64).gif().toBuffer();
export const tiff = () => noisy(64, 64).tiff().toBuffer();
export const webp = () => noisy(64, 64).webp().toBuffer();
export const svg = () => Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="4000"><script>alert(1)</script></svg>');
export const text = () => Buffer.from('Dit is geen foto.\nThis is not a photo.\n');

/** The first part of a JPEG: a camera card pulled out too early. */
export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await plainJpeg(400, 500);
  return whole.subarray(0, Math.floor(whole.length * 0.6));
}

/** Markers of a JPEG up to its scan data, e.g. ['SOI', 'DQT', ..., 'SOS']: what metadata segments it carries. */
export function jpegMarkers(jpeg: Buffer): string[] {
  const names: Record<number, string> = { 0xe0: 'APP0', 0xe1: 'APP1', 0xe2: 'APP2', 0xed: 'APP13', 0xfe: 'COM', 0xdb: 'DQT', 0xc0: 'SOF0', 0xc2: 'SOF2', 0xc4: 'DHT', 0xda: 'SOS', 0xdd: 'DRI' };
  const out = ['SOI'];
  let pos = 2;
  while (pos + 4 <= jpeg.length && jpeg[pos] === 0xff) {
    const marker = jpeg[pos + 1]!;
    out.push(names[marker] ?? `0x${marker.toString(16)}`);
    if (marker === 0xda) break;
    pos += 2 + jpeg.readUInt16BE(pos + 2);
  }
  return out;
}
