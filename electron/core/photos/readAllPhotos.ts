import type { CacheDb } from '../db/open';
import type { PhotoRecord } from '../sync/snapshot';

/** Every stored photo: what the publisher desk seals into the staff bundle for the fleet's staff PCs. */
export function readAllPhotos(db: CacheDb): PhotoRecord[] {
  const rows = db.prepare('SELECT pupil_number, mime, width, height, bytes FROM photos ORDER BY pupil_number').all() as Array<{
    pupil_number: string; mime: PhotoRecord['mime']; width: number; height: number; bytes: Buffer;
  }>;
  return rows.map((r) => ({ pupilNumber: r.pupil_number, mime: r.mime, width: r.width, height: r.height, bytes: r.bytes }));
}
