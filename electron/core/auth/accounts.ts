import type { StaffAccount, StaffRole, StaffUser } from '@shared/domain';
import type { CacheDb } from '../db/open';

export interface AccountRow {
  id: number;
  username: string;
  display_name: string;
  role: StaffRole;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: number;
  totp_last_step: number | null;
  totp_pending_secret: string | null;
  totp_setup_open: number;
  recovery_codes: string | null;
  failed_attempts: number;
  locked_until_ms: number | null;
  disabled: number;
  teacher_code: string | null;
  created_ms: number;
  last_sign_in_ms: number | null;
  email: string | null;
  must_change_password: number;
  school_subject: string | null;
  from_publisher: number;
  publisher_password: string | null;
}

export const toUser = (r: AccountRow): StaffUser => ({
  id: r.id, username: r.username, displayName: r.display_name, role: r.role, totpEnabled: r.totp_enabled === 1, teacherCode: r.teacher_code,
});

export const toAccount = (r: AccountRow): StaffAccount => ({
  ...toUser(r),
  totpSetupOpen: r.totp_setup_open === 1,
  disabled: r.disabled === 1,
  lockedUntil: r.locked_until_ms,
  lastSignInAt: r.last_sign_in_ms,
  hasPassword: r.password_hash !== null,
  email: r.email,
  mustChangePassword: r.must_change_password === 1,
});

/** The accounts table, and nothing else: the rules about who may sign in live in authService.ts. */
export function createAccounts(db: CacheDb) {
  const byName = db.prepare('SELECT * FROM accounts WHERE username = ?');
  const byId = db.prepare('SELECT * FROM accounts WHERE id = ?');
  return {
    count: () => db.prepare('SELECT count(*) FROM accounts').pluck().get() as number,
    byUsername: (username: string) => byName.get(username.toLowerCase()) as AccountRow | undefined,
    byId: (id: number) => byId.get(id) as AccountRow | undefined,
    bySchoolSubject: (subject: string) => db.prepare('SELECT * FROM accounts WHERE school_subject = ?').get(subject) as AccountRow | undefined,
    byEmail: (email: string) => db.prepare('SELECT * FROM accounts WHERE email = ?').all(email.toLowerCase()) as AccountRow[],
    all: () => db.prepare('SELECT * FROM accounts ORDER BY role DESC, username').all() as AccountRow[],
    create(a: {
      username: string;
      displayName: string;
      role: StaffRole;
      passwordHash: string | null;
      teacherCode: string | null;
      disabled?: boolean;
      email?: string | null;
      /** The password is a first one, given by an administrator: it must be replaced at the first sign-in. */
      mustChangePassword?: boolean;
      now: number;
    }): AccountRow {
      const { lastInsertRowid } = db
        .prepare(
          `INSERT INTO accounts (username, display_name, role, password_hash, teacher_code, disabled, email, must_change_password, created_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          a.username.toLowerCase(), a.displayName, a.role, a.passwordHash, a.teacherCode, a.disabled ? 1 : 0, a.email ?? null, a.mustChangePassword ? 1 : 0,
          a.now,
        );
      return byId.get(lastInsertRowid) as AccountRow;
    },
    /** Runs `work` in one transaction: an import writes all its rows or none. */
    inTransaction: <T>(work: () => T): T => db.transaction(work)(),
    /** Sets the given columns; names come from this file's callers only, never from input. */
    set(id: number, columns: Partial<Omit<AccountRow, 'id' | 'created_ms'>>): AccountRow {
      const names = Object.keys(columns);
      if (names.length) db.prepare(`UPDATE accounts SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`).run(...Object.values(columns), id);
      return byId.get(id) as AccountRow;
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
