import type { Migration } from './types';

/*
 * A lesson moved to another day stays on the day it left, saying where it went (shared/domain/lesson.ts MovedTo):
 * the new day's start, its lesson hour and its rooms. Null on every other lesson. The next sync fills them.
 */
export const movedTo: Migration = {
  version: 2,
  name: 'moved-to',
  up(db) {
    db.exec(`
      ALTER TABLE lessons ADD COLUMN moved_to_start_ms INTEGER;
      ALTER TABLE lessons ADD COLUMN moved_to_period INTEGER;
      ALTER TABLE lessons ADD COLUMN moved_to_rooms TEXT;
    `);
  },
};
