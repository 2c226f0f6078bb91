import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from './migrate';
import { migrations } from './migrations';
import type { Migration } from './migrations/types';

describe('migrations', () => {
  it('bring an empty database to the latest version and are idempotent', () => {
    const db = new Database(':memory:');
    expect(migrate(db, ':memory:')).toEqual({ from: 0, to: migrations.at(-1)!.version });
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    expect(migrate(db, ':memory:')).toEqual({ from: migrations.at(-1)!.version, to: migrations.at(-1)!.version });
  });

  it('are numbered 1, 2, 3 ... without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('roll back a failing step entirely and keep the previous version', () => {
    const db = new Database(':memory:');
    const steps: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE a (x)') },
      { version: 2, name: 'broken', up: (d) => d.exec('CREATE TABLE b (x); INSERT INTO nowhere VALUES (1)') },
    ];
    expect(() => migrate(db, ':memory:', steps)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
  });

  it('0001 creates the cache tables', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:');
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['lessons', 'lesson_rooms', 'rooms', 'pupils', 'photos', 'announcements', 'sync_state', 'meta']));
  });
});
