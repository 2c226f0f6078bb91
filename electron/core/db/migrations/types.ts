import type { Database } from 'better-sqlite3-multiple-ciphers';

/** One schema step. Runs inside a transaction together with the user_version bump. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
