import type { CacheDb } from '../db/open';
import { generateDemoPortrait } from '../demo';

/**
 * The demo school's "photo export": an illustrated portrait (no real faces) for every pupil with photo consent and no photo yet,
 * so the staff photo lookup works on a fresh install. Staff machines only; run after the timetable sync has
 * committed, in its own transaction, so a kiosk's or a real school's sync never pays for it.
 */
export function fillDemoPortraits(db: CacheDb): number {
  const missing = db.prepare('SELECT number FROM pupils WHERE photo_consent = 1 AND number NOT IN (SELECT pupil_number FROM photos)').pluck().all() as string[];
  if (missing.length === 0) return 0;
  const insert = db.prepare('INSERT OR IGNORE INTO photos (pupil_number, mime, width, height, bytes) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const number of missing) {
      const p = generateDemoPortrait(number);
      insert.run(number, p.mime, p.width, p.height, Buffer.from(p.bytes));
    }
  }).immediate();
  return missing.length;
}
