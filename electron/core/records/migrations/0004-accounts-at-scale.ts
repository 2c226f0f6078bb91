import type { Migration } from '../../db/migrations/types';

/*
 * Accounts for a whole school (docs/security-accounts.md §6): an e-mail address from the school's list, and a first
 * password that must be replaced at the first sign-in (an imported account's, or one an administrator typed), and the
 * school account (OpenID Connect issuer and subject) it signs in with.
 */
export const accountsAtScale: Migration = {
  version: 4,
  name: 'accounts-at-scale',
  up(db) {
    db.exec(`
      ALTER TABLE accounts ADD COLUMN email TEXT;
      ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
      -- The school account an account signs in with: the issuer and its subject, "iss sub" (docs/school-sign-in.md).
      ALTER TABLE accounts ADD COLUMN school_subject TEXT;
      CREATE UNIQUE INDEX accounts_school_subject ON accounts (school_subject) WHERE school_subject IS NOT NULL;
    `);
  },
};
