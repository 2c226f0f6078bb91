import { z } from 'zod';
import { Code } from '@shared/domain';
import type { Accounts } from './accounts';
import type { Sessions } from './sessions';

/*
 * Accounts set once per school (docs/fleet.md, "School settings from the publisher"): the publisher desk's accounts
 * as they travel, sealed, to every staff PC in the fleet, and how a staff PC takes them. Who someone is, their role,
 * whether they may sign in, their e-mail, teacher code and school account follow the publisher; a password chosen on
 * a PC stays there until the publisher's administrator sets a new one. Authenticators stay per PC (a school account
 * with the provider's second factor needs none). Local accounts (the break-glass administrator) are never touched.
 */

export const SentAccount = z.object({
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/),
  displayName: z.string().min(1).max(80),
  role: z.enum(['teacher', 'admin']),
  disabled: z.boolean(),
  email: z.string().max(200).nullable(),
  teacherCode: Code.nullable(),
  schoolSubject: z.string().max(600).nullable(),
  /** scrypt, as stored; null for an account that signs in with its school account only. */
  passwordHash: z.string().max(400).nullable(),
  mustChangePassword: z.boolean(),
}).strict();
export type SentAccount = z.infer<typeof SentAccount>;

/** The publisher desk's own accounts (not those it took from another publisher) as they are sent. */
export function accountsToSend(accounts: Accounts): SentAccount[] {
  return accounts.all().filter((a) => a.from_publisher === 0).map((a) => ({
    username: a.username, displayName: a.display_name, role: a.role, disabled: a.disabled === 1, email: a.email, teacherCode: a.teacher_code,
    schoolSubject: a.school_subject, passwordHash: a.password_hash, mustChangePassword: a.must_change_password === 1,
  }));
}

export interface TakenAccounts {
  created: number;
  changed: number;
  disabled: number;
  /** Usernames the PC has as a local account: left alone (the local one wins on its own PC). */
  clashes: string[];
}

/** Takes the publisher's accounts on a staff PC, in one transaction; sessions of changed or disabled accounts end. */
export function takeAccounts(accounts: Accounts, sessions: Sessions, sent: readonly SentAccount[], now: number): TakenAccounts {
  const taken: TakenAccounts = { created: 0, changed: 0, disabled: 0, clashes: [] };
  accounts.inTransaction(() => {
    const names = new Set(sent.map((a) => a.username));
    for (const a of sent) {
      const row = accounts.byUsername(a.username);
      const identity = {
        display_name: a.displayName, role: a.role, disabled: a.disabled ? 1 : 0, email: a.email, teacher_code: a.teacherCode, school_subject: a.schoolSubject,
      };
      if (!row) {
        const made = accounts.create({
          username: a.username, displayName: a.displayName, role: a.role, passwordHash: a.passwordHash, teacherCode: a.teacherCode,
          disabled: a.disabled, email: a.email, mustChangePassword: a.mustChangePassword, now,
        });
        accounts.set(made.id, { from_publisher: 1, publisher_password: a.passwordHash, school_subject: a.schoolSubject });
        taken.created++;
        continue;
      }
      if (row.from_publisher === 0) {
        taken.clashes.push(a.username);
        continue;
      }
      const newPassword = a.passwordHash !== row.publisher_password;
      const differs = Object.entries(identity).some(([k, v]) => row[k as keyof typeof identity] !== v) || newPassword;
      if (!differs) continue;
      accounts.set(row.id, {
        ...identity,
        ...(newPassword ? { password_hash: a.passwordHash, publisher_password: a.passwordHash, must_change_password: a.mustChangePassword ? 1 : 0 } : {}),
      });
      if (newPassword || a.disabled || row.role !== a.role) sessions.closeAccount(row.id);
      taken.changed++;
    }
    // Gone from the publisher's list: no longer allowed in here either (kept, disabled, for the audit log's names).
    for (const row of accounts.all()) {
      if (row.from_publisher === 1 && !names.has(row.username) && row.disabled === 0) {
        accounts.set(row.id, { disabled: 1 });
        sessions.closeAccount(row.id);
        taken.disabled++;
      }
    }
  });
  return taken;
}
