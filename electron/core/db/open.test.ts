import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../logger';
import { newKey, sampleSnapshot } from '../testing/sampleSchool';
import { useTempDirs } from '../testing/tempDir';
import { writeSnapshot } from '../sync/writer';
import { CacheError } from './errors';
import { openCache } from './open';

const tempDir = useTempDirs();
const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function filledCache(dir: string, key: Buffer) {
  const file = join(dir, 'cache.db');
  const { db } = openCache({ file, key, log: memoryLogger() });
  writeSnapshot(db, sampleSnapshot(), { scope: 'staff', source: 'test', now: Date.now() });
  return { file, db };
}

describe('the encrypted cache', () => {
  it('holds nothing readable at rest: no SQLite header, no names in the file or its WAL', () => {
    const dir = tempDir();
    const key = newKey();
    const { file, db } = filledCache(dir, key);
    // Read while the connection is open, so the WAL still holds the latest pages.
    const files = readdirSync(dir).filter((f) => f.startsWith('cache.db'));
    expect(files).toContain('cache.db-wal');
    for (const f of files) {
      const bytes = readFileSync(join(dir, f));
      for (const canary of ['Sanne', 'Berg', 'Bakker', 'Jansen', 'Çelik', '246810', 'Testschool', 'Lokaal A1.01']) {
        expect(bytes.includes(Buffer.from(canary)), `${canary} in ${f}`).toBe(false);
      }
    }
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(db.pragma('cipher', { simple: true })).toBe('chacha20');
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('reopens with the same key and keeps its data', () => {
    const dir = tempDir();
    const key = newKey();
    filledCache(dir, key).db.close();
    const { db, quarantined } = openCache({ file: join(dir, 'cache.db'), key, log: memoryLogger() });
    expect(quarantined).toBeNull();
    expect(db.prepare('SELECT count(*) AS n FROM rooms').get()).toEqual({ n: 3 });
    db.close();
  });

  it('cannot be read by plain SQLite or with another key', () => {
    const dir = tempDir();
    filledCache(dir, newKey()).db.close();
    const plain = new Database(join(dir, 'cache.db'));
    expect(() => plain.prepare('SELECT * FROM rooms').all()).toThrow(/not a database/);
    plain.close();
  });

  it('a wrong key moves the file aside, logs it, and starts an empty cache', () => {
    const dir = tempDir();
    filledCache(dir, newKey()).db.close();
    const log = memoryLogger();
    const { db, quarantined } = openCache({ file: join(dir, 'cache.db'), key: newKey(), log });
    expect(quarantined?.reason).toBe('SQLITE_NOTADB');
    expect(readdirSync(dir).some((f) => f.startsWith('cache.db.unreadable-'))).toBe(true);
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'warn', event: 'cache.unreadable' }));
    expect(db.prepare('SELECT count(*) AS n FROM rooms').get()).toEqual({ n: 0 });
    db.close();
  });

  it('a corrupted file is rebuilt empty instead of crashing', () => {
    const dir = tempDir();
    const key = newKey();
    const { file, db } = filledCache(dir, key);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    for (let i = 0; i < bytes.length; i += 97) bytes[i] = bytes[i]! ^ 0xa5;
    writeFileSync(file, bytes);
    const log = memoryLogger();
    const opened = openCache({ file, key, log });
    expect(['SQLITE_NOTADB', 'SQLITE_CORRUPT']).toContain(opened.quarantined?.reason);
    expect(log.lines.map((l) => l.event)).toContain('cache.unreadable');
    opened.db.close();
  });

  it('refuses a cache from a newer Gangbord and leaves it untouched', () => {
    const dir = tempDir();
    const key = newKey();
    const { file, db } = filledCache(dir, key);
    db.pragma('user_version = 99');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = hash(file);
    expect(() => openCache({ file, key, log: memoryLogger() })).toThrow(expect.objectContaining({ kind: 'from-the-future' }));
    expect(hash(file)).toBe(before);
  });

  it('a folder where the file should be is a clear error, and the folder stays', () => {
    const dir = tempDir();
    const file = join(dir, 'cache.db');
    mkdirSync(file);
    writeFileSync(join(file, 'keep.txt'), 'x');
    const error = (() => {
      try {
        openCache({ file, key: newKey(), log: memoryLogger() });
      } catch (e) {
        return e as CacheError;
      }
    })();
    expect(error).toBeInstanceOf(CacheError);
    expect(error?.kind).toBe('cantopen');
    expect(readdirSync(file)).toEqual(['keep.txt']);
  });

  it('a cache locked by another process is a clear "busy" error and is not touched', () => {
    const dir = tempDir();
    const key = newKey();
    const { file, db } = filledCache(dir, key);
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    expect(() => openCache({ file, key, log: memoryLogger() })).toThrow(expect.objectContaining({ kind: 'busy' }));
    expect(readdirSync(dir).some((f) => f.includes('unreadable'))).toBe(false);
    db.exec('ROLLBACK');
    db.close();
  });

  it('a read-only cache file is reported, never quarantined or deleted', (ctx) => {
    const dir = tempDir();
    const key = newKey();
    const { file, db } = filledCache(dir, key);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Root ignores file modes; the immutable attribute is what makes a file read-only for root too.
    try {
      execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
    } catch {
      ctx.skip('cannot make a read-only folder here (chattr +i unavailable); runs where it is');
    }
    try {
      const before = hash(file);
      expect(() => openCache({ file, key, log: memoryLogger() })).toThrow(CacheError);
      expect(hash(file)).toBe(before);
      expect(readdirSync(dir).some((f) => f.includes('unreadable'))).toBe(false);
    } finally {
      execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
    }
  });
});
