import type { Migration } from './types';

/*
 * The cache. Times are UTC instants in ms; `day` is the school-zone date. Lists of codes are stored joined by
 * U+001F (codes cannot contain control characters), which reads back far faster than JSON on the kiosk's hot path.
 * Personal data (pupils, teacher names, photos) only ever has rows on staff machines.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

      CREATE TABLE periods (number INTEGER PRIMARY KEY, name TEXT NOT NULL, start TEXT NOT NULL, "end" TEXT NOT NULL);
      CREATE TABLE holidays (name TEXT NOT NULL, "from" TEXT NOT NULL, "to" TEXT NOT NULL, PRIMARY KEY ("from", name)) WITHOUT ROWID;

      CREATE TABLE rooms (
        code TEXT PRIMARY KEY, name TEXT NOT NULL, building TEXT NOT NULL, floor INTEGER, kind TEXT NOT NULL, capacity INTEGER
      ) WITHOUT ROWID;
      CREATE TABLE subjects (code TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE groups (code TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, year INTEGER) WITHOUT ROWID;
      CREATE TABLE teachers (code TEXT PRIMARY KEY, first_name TEXT, prefix TEXT, last_name TEXT) WITHOUT ROWID;

      CREATE TABLE pupils (
        id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE,
        first_name TEXT NOT NULL, prefix TEXT, last_name TEXT NOT NULL, photo_consent INTEGER NOT NULL
      );
      CREATE TABLE group_members (group_code TEXT NOT NULL, pupil_id INTEGER NOT NULL, PRIMARY KEY (group_code, pupil_id)) WITHOUT ROWID;
      CREATE TABLE photos (
        pupil_number TEXT PRIMARY KEY, mime TEXT NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL, bytes BLOB NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE lessons (
        id TEXT NOT NULL UNIQUE,
        start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, day TEXT NOT NULL,
        period_from INTEGER, period_to INTEGER, kind TEXT NOT NULL,
        subjects TEXT NOT NULL, groups TEXT NOT NULL, teachers TEXT NOT NULL, rooms TEXT NOT NULL,
        cancelled INTEGER NOT NULL, added INTEGER NOT NULL,
        prev_rooms TEXT NOT NULL, prev_teachers TEXT NOT NULL, prev_start_ms INTEGER,
        description TEXT, remark TEXT
      );
      CREATE INDEX lessons_by_day ON lessons (day);

      -- Where each lesson is, for door signs and corridor boards: its rooms (here = 1) and the rooms it moved
      -- away from (here = 0), so the old room can say where the class went.
      CREATE TABLE lesson_rooms (
        room_code TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL,
        lesson_rowid INTEGER NOT NULL, here INTEGER NOT NULL,
        PRIMARY KEY (room_code, start_ms, lesson_rowid)
      ) WITHOUT ROWID;

      CREATE TABLE announcements (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL,
        audience TEXT NOT NULL, priority INTEGER NOT NULL, emergency INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE sync_state (
        source TEXT PRIMARY KEY, last_success_ms INTEGER, cursor TEXT
      ) WITHOUT ROWID;
    `);
  },
};
