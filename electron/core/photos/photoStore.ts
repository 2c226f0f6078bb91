import type { CacheDb } from '../db/open';

export interface StoredPhoto {
  /** The file's place in the import, so the report can say it was stored once the batch is committed. */
  index: number;
  pupilNumber: string;
  width: number;
  height: number;
  bytes: Buffer;
}

/**
 * WAL pages after which a commit checkpoints. SQLite's default (1000 pages, 4 MB) made every few hundredth photo's
 * commit copy 4 MB back into the database: 30 to 48 ms on the event loop, long enough to freeze the staff window
 * during an import. A small WAL checkpoints often and briefly instead (under 10 ms measured on a busy 2-core machine).
 */
const IMPORT_CHECKPOINT_PAGES = 100;

/**
 * Writes re-encoded photos into the encrypted cache, a batch per transaction: far fewer commits than one per
 * photo, and a failure loses at most one batch. IMMEDIATE, so a sync writing at the same time waits its turn
 * (busy_timeout) instead of failing on a lock upgrade.
 */
export function createPhotoStore(db: CacheDb, batchSize: number, onCommitted: (indices: number[]) => void) {
  const insert = db.prepare("INSERT OR REPLACE INTO photos (pupil_number, mime, width, height, bytes) VALUES (?, 'image/jpeg', ?, ?, ?)");
  const writeBatch = db.transaction((rows: StoredPhoto[]) => {
    for (const row of rows) insert.run(row.pupilNumber, row.width, row.height, row.bytes);
  });
  const previousCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${IMPORT_CHECKPOINT_PAGES}`);
  const restoreCheckpoint = () => db.pragma(`wal_autocheckpoint = ${previousCheckpoint}`);
  let pending: StoredPhoto[] = [];

  const flush = (): void => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    writeBatch.immediate(rows);
    onCommitted(rows.map((r) => r.index));
  };

  return {
    add(photo: StoredPhoto): void {
      pending.push(photo);
      if (pending.length >= batchSize) flush();
    },
    /** Writes what is left. */
    finish: flush,
    /** Drops what is still pending (after a failure the report says so) and gives the connection back as it was. */
    abandon(): void {
      pending = [];
      restoreCheckpoint();
    },
  };
}
