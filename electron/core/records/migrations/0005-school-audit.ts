import type { Migration } from '../../db/migrations/types';

/*
 * The school's audit log on the publisher desk (docs/fleet.md, "One audit log"): every staff PC's entries as that PC
 * signed and chained them, kept beside this PC's own log. Append-only like the local log: triggers refuse UPDATE and
 * DELETE, so the privacy officer's answer cannot be edited afterwards from this database either.
 */
export const schoolAudit: Migration = {
  version: 5,
  name: 'school-audit',
  up(db) {
    db.exec(`
      CREATE TABLE school_audit (
        pc TEXT NOT NULL,
        pc_name TEXT NOT NULL,
        id INTEGER NOT NULL,
        at_ms INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT,
        detail TEXT,
        hash TEXT NOT NULL,
        PRIMARY KEY (pc, id)
      ) WITHOUT ROWID;
      CREATE INDEX school_audit_at ON school_audit (at_ms);
      CREATE INDEX school_audit_subject ON school_audit (subject);
      CREATE TRIGGER school_audit_no_update BEFORE UPDATE ON school_audit BEGIN SELECT RAISE(ABORT, 'the school audit log is append-only'); END;
      CREATE TRIGGER school_audit_no_delete BEFORE DELETE ON school_audit BEGIN SELECT RAISE(ABORT, 'the school audit log is append-only'); END;
    `);
  },
};
