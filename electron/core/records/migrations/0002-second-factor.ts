import type { Migration } from '../../db/migrations/types';

/*
 * The second factor's life cycle (docs/security-accounts.md §1): a new authenticator waits beside the confirmed one
 * until a code from it is confirmed; set-up at sign-in is offered only where an administrator opened it; recovery
 * codes are kept as SHA-256 hashes.
 */
export const secondFactor: Migration = {
  version: 2,
  name: 'second-factor',
  up(db) {
    db.exec(`
      ALTER TABLE accounts ADD COLUMN totp_pending_secret TEXT;
      ALTER TABLE accounts ADD COLUMN totp_setup_open INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE accounts ADD COLUMN recovery_codes TEXT;
      -- Administrators created but never signed in had their set-up offered at sign-in before; they keep that.
      -- One that signed in before and has no confirmed authenticator (an unfinished re-enrolment: the state the
      -- bypass used) waits for another administrator to reopen its set-up.
      UPDATE accounts SET totp_setup_open = 1 WHERE role = 'admin' AND totp_enabled = 0 AND last_sign_in_ms IS NULL;
    `);
  },
};
