import { createHash } from 'node:crypto';
import type { CacheDb } from '../../db/open';

const TABLES = ['meta', 'periods', 'holidays', 'rooms', 'subjects', 'groups', 'teachers', 'pupils', 'group_members', 'photos', 'lessons', 'lesson_rooms', 'announcements', 'sync_state'];

export interface CacheState {
  lessonIds: string[];
  /** sha256 over every row of every table, in a fixed order: equal hashes mean an untouched cache. */
  hash: string;
}

/** What a failed sync must leave exactly as it was. */
export function cacheState(db: CacheDb): CacheState {
  const hash = createHash('sha256');
  for (const table of TABLES) {
    const rows = db.prepare(`SELECT * FROM ${table}`).raw().all() as unknown[][];
    const lines = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v))).sort();
    hash.update(`${table}\n${lines.join('\n')}\n`);
  }
  const lessonIds = (db.prepare('SELECT id FROM lessons ORDER BY id').pluck().all() as string[]);
  return { lessonIds, hash: hash.digest('hex') };
}
