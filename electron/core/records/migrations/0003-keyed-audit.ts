import type { Migration } from '../../db/migrations/types';

/*
 * The audit chain keyed (docs/security-accounts.md §5): rows from now on carry an HMAC under a key kept outside the
 * database; rows written before keep their plain SHA-256 link and are checked as such.
 */
export const keyedAudit: Migration = {
  version: 3,
  name: 'keyed-audit',
  up(db) {
    // The triggers refuse UPDATE, not ALTER: existing rows get keyed = 0 (their hashes are the plain ones).
    db.exec('ALTER TABLE audit ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0');
  },
};
