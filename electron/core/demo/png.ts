import { crc32, deflateSync } from 'node:zlib';

/*
 * A minimal PNG writer for generated images: 8-bit palette colour, no interlace. Enough for flat illustrations,
 * and small and fast because each row is one filter byte plus one byte per pixel.
 */

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  // The CRC covers the chunk type and its data, not the length.
  out.writeUInt32BE(crc32(out.subarray(8, 8 + data.length), crc32(type)), 8 + data.length);
  return out;
}

/**
 * Encodes palette pixels. `rows` holds `height` scanlines of `1 + width` bytes: a filter byte (0, none) then one
 * palette index per pixel; `palette` holds RGB triples.
 */
export function encodePalettePng(width: number, height: number, palette: Uint8Array, rows: Uint8Array, level = 1): Uint8Array {
  if (rows.length !== height * (width + 1)) throw new Error(`expected ${height * (width + 1)} bytes of scanlines, got ${rows.length}`);
  if (palette.length % 3 !== 0 || palette.length === 0 || palette.length > 256 * 3) throw new Error('a PNG palette holds 1 to 256 RGB entries');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 3; // colour type: palette
  // compression, filter and interlace method are all 0
  const parts = [SIGNATURE, chunk('IHDR', header), chunk('PLTE', palette), chunk('IDAT', deflateSync(rows, { level })), chunk('IEND', new Uint8Array(0))];
  // A fresh ArrayBuffer of its own: Buffer's shared pool must not travel with the photo into a worker or the cache.
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    png.set(p, at);
    at += p.length;
  }
  return png;
}
