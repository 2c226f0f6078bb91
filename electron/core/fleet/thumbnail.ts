import { openEnvelope, sealEnvelope, type Trust } from './envelope';
import type { FleetKeyPair } from './keys';

/*
 * A screen's thumbnail (docs/fleet.md): a small PNG of what it shows, taken by the desktop app every five minutes and
 * when the Screens page asks, signed with the screen's own key into screens/<id>/thumbnail.env. A kiosk page holds no
 * pupil data, so neither does its picture.
 */

/** Larger than any 480-pixel-wide PNG of a kiosk page; a bigger file is refused unread. */
export const THUMBNAIL_MAX_BYTES = 512 * 1024;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const isPng = (bytes: Uint8Array) => bytes.length > PNG_MAGIC.length && Buffer.from(bytes.subarray(0, 8)).equals(PNG_MAGIC);

export function sealThumbnail(png: Uint8Array, input: { school: string; seq: number; now: number }, key: FleetKeyPair): Buffer {
  if (!isPng(png)) throw new Error('a thumbnail is a PNG image');
  if (png.length > THUMBNAIL_MAX_BYTES) throw new Error(`a thumbnail is at most ${THUMBNAIL_MAX_BYTES / 1024} KB`);
  return sealEnvelope({ kind: 'thumbnail', school: input.school, seq: input.seq, issuedAt: input.now, notAfter: input.now + 7 * 24 * 3_600_000, type: 'image/png', body: png }, key);
}

/** The picture and when it was taken, read with the screen's own key only; null for anything else. */
export function openThumbnail(bytes: Buffer, trust: Trust, now: number): { at: number; png: Buffer } | null {
  if (bytes.length > THUMBNAIL_MAX_BYTES + 1024) return null;
  const opened = openEnvelope(bytes, { trust, kind: 'thumbnail', now, skewMs: 24 * 3_600_000 });
  return opened.ok && isPng(opened.body) ? { at: opened.header.issuedAt, png: opened.body } : null;
}
