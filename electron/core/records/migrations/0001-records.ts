import type { Migration } from '../../db/migrations/types';

/*
 * Records that exist nowhere else: staff accounts, the audit log, and the pupils erased on request. Kept in their
 * own encrypted file with synchronous=FULL, never moved aside or rebuilt like the cache.
 */
export const records: Migration = {
  version: 1,
  name: 'records',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('teacher', 'admin')),
        password_hash TEXT,
        totp_secret TEXT,
        totp_enabled INTEGER NOT NULL DEFAULT 0,
        totp_last_step INTEGER,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until_ms INTEGER,
        disabled INTEGER NOT NULL DEFAULT 0,
        teacher_code TEXT,
        created_ms INTEGER NOT NULL,
        last_sign_in_ms INTEGER
      );

      -- Append-only and hash-chained: each row's hash covers the previous row's hash and its own fields.
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at_ms INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT,
        detail TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX audit_by_subject ON audit (subject, id);
      CREATE INDEX audit_by_actor ON audit (actor, id);
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

      -- Pupils erased on request, by a hash of their number only: later syncs leave them out.
      CREATE TABLE erased_pupils (number_hash TEXT PRIMARY KEY, erased_ms INTEGER NOT NULL) WITHOUT ROWID;
    `);
  },
};
