import type { Migration } from '../../db/migrations/types';

/*
 * Accounts set once per school (docs/fleet.md, "School settings from the publisher"): a staff PC in the fleet takes
 * the publisher desk's accounts. `from_publisher` marks those (a local break-glass account is never touched), and
 * `publisher_password` the publisher's password hash last taken, so a password chosen on this PC stays until the
 * publisher's administrator sets a new one.
 */
export const accountsFromPublisher: Migration = {
  version: 6,
  name: 'accounts-from-publisher',
  up(db) {
    db.exec(`
      ALTER TABLE accounts ADD COLUMN from_publisher INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE accounts ADD COLUMN publisher_password TEXT;
    `);
  },
};
