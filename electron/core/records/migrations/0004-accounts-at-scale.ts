import type { Migration } from '../../db/migrations/types';

/*
 * Accounts for a whole school (docs/security-accounts.md §6): an e-mail address from the school's list, and a first
 * password that must be replaced at the first sign-in (an imported account's, or one an administrator typed).
 */
export const accountsAtScale: Migration = {
  version: 4,
  name: 'accounts-at-scale',
  up(db) {
    db.exec(`
      ALTER TABLE accounts ADD COLUMN email TEXT;
      ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
