import type { Database } from 'better-sqlite3-multiple-ciphers';
import { CacheError } from './errors';
import { migrations as allMigrations, type Migration } from './migrations';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to date, one transaction per step so a failed step leaves the previous version intact.
 * A database written by a newer Gangbord is refused rather than guessed at.
 */
export function migrate(db: Database, file: string, migrations: readonly Migration[] = allMigrations): { from: number; to: number } {
  const from = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new CacheError('from-the-future', file, `The cache ${file} has schema version ${from}, newer than this Gangbord knows (${latest}); it was left as it is. Update Gangbord or remove the file.`);
  }
  for (const step of migrations) {
    if (step.version <= from) continue;
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    })();
  }
  return { from, to: Math.max(from, latest) };
}
