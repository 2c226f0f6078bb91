import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Logger } from '../logger';
import { CacheError, describeOpenFailure, REBUILDABLE, sqliteCode } from './errors';
import { migrate } from './migrate';
import type { Migration } from './migrations/types';

export type CacheDb = Database.Database;

export interface OpenCacheOptions {
  file: string;
  /** The 32-byte cache key. It is copied for SQLite and the copy wiped; the caller owns (and wipes) its own. */
  key: Buffer;
  /** An Electron-ABI build of the native module; unset under plain Node. */
  nativeBinding?: string;
  log: Logger;
  /** `cache` for the re-syncable cache (synchronous=NORMAL); `durable` for records that exist nowhere else (FULL). */
  durability?: 'cache' | 'durable';
  /**
   * What to do with a file our key cannot read: the cache is moved aside and rebuilt by the next sync; records
   * (accounts, the audit log) are never moved aside silently: opening fails with a CacheError to act on.
   */
  unreadable?: 'quarantine' | 'refuse';
  migrations?: readonly Migration[];
  now?: () => number;
}

export interface OpenedCache {
  db: CacheDb;
  /** Set when the old file could not be read with our key and was moved aside for a fresh, empty cache. */
  quarantined: { reason: string; movedTo: string } | null;
}

function openKeyed(options: OpenCacheOptions): CacheDb {
  const db = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    const key = Buffer.from(options.key);
    try {
      // Default cipher (ChaCha20-Poly1305). The key goes in before anything reads the file.
      db.key(key);
    } finally {
      key.fill(0);
    }
    // PRAGMA key answers "ok" for any key; the first real read is what tells a wrong key or a broken file.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.durability === 'durable' ? 'FULL' : 'NORMAL'}`);
    // Temp files are not encrypted by SQLite3MultipleCiphers: keep sorts and temp tables in memory.
    db.pragma('temp_store = MEMORY');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function quarantine(file: string, stamp: number): string {
  const movedTo = `${file}.unreadable-${new Date(stamp).toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix);
  }
  return movedTo;
}

/**
 * Opens (or creates) the encrypted cache and brings its schema up to date. A file we cannot read with our key
 * (wrong key, SQLITE_NOTADB, SQLITE_CORRUPT) is moved aside and a fresh cache created: the next sync rebuilds it.
 * Anything else (read-only, cannot open, busy, a schema from a newer version) is a CacheError and the file is
 * left exactly as it was.
 */
export function openCache(options: OpenCacheOptions): OpenedCache {
  const now = options.now ?? Date.now;
  if (options.key.length !== 32) throw new RangeError('the cache key must be 32 bytes');
  try {
    mkdirSync(dirname(options.file), { recursive: true });
  } catch (error) {
    throw new CacheError('cantopen', options.file, `The folder for the cache ${options.file} cannot be created: ${(error as Error).message}`);
  }

  let quarantined: OpenedCache['quarantined'] = null;
  let db: CacheDb;
  try {
    db = openKeyed(options);
  } catch (error) {
    const code = sqliteCode(error);
    if (!code || !REBUILDABLE.has(code)) throw error instanceof CacheError ? error : describeOpenFailure(options.file, error);
    if (options.unreadable === 'refuse') {
      throw new CacheError('other', options.file, `${options.file} cannot be read with this machine's key (${code}). It holds records that exist nowhere else, so it was left as it is; restore it from a backup or ask for help.`, code);
    }
    const movedTo = quarantine(options.file, now());
    quarantined = { reason: code, movedTo };
    options.log.warn('cache.unreadable', { file: options.file, reason: code, movedTo, action: 'rebuilding from a fresh sync' });
    try {
      db = openKeyed(options);
    } catch (retryError) {
      throw describeOpenFailure(options.file, retryError);
    }
  }

  try {
    migrate(db, options.file, options.migrations);
  } catch (error) {
    db.close();
    if (error instanceof CacheError) throw error;
    const code = sqliteCode(error);
    if (code && REBUILDABLE.has(code) && options.unreadable !== 'refuse') {
      // Corruption deeper in the file shows up only when the schema is read: same remedy.
      const movedTo = quarantine(options.file, now());
      options.log.warn('cache.unreadable', { file: options.file, reason: code, movedTo, action: 'rebuilding from a fresh sync' });
      const fresh = openKeyed(options);
      migrate(fresh, options.file, options.migrations);
      return { db: fresh, quarantined: { reason: code, movedTo } };
    }
    throw describeOpenFailure(options.file, error);
  }
  return { db, quarantined };
}
