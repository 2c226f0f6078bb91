import type { CacheDb } from '../../db/open';

/**
 * The sync worker's own connection: a big page cache, so a bulk write does not spill pages half-way, and WAL
 * checkpoints taken by hand after each sync instead of inside it (SQLite's automatic one runs in the middle of a
 * commit). Readers never wait for either: WAL lets them read the last commit throughout.
 */
export function tuneSyncConnection(db: CacheDb): void {
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 0');
}

/** Folds the WAL back into the database once a sync has been reported; PASSIVE never blocks a reader. */
export function checkpointAfterSync(db: CacheDb): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}
