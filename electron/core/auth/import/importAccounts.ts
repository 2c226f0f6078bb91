import type { AccountImportPlan, AccountImportResult, StaffRole, StaffUser } from '@shared/domain';
import { CallFailure } from '../../api/callFailure';
import type { AuditLog } from '../../audit/auditLog';
import { hashRandomSecret } from '../../crypto/scryptHash';
import type { AccountRow, Accounts } from '../accounts';
import { newRecoveryCode } from '../recoveryCodes';
import type { Sessions } from '../sessions';
import { planImport } from './planImport';

export interface AccountImportContext {
  accounts: Accounts;
  sessions: Sessions;
  audit: AuditLog;
  now: () => number;
}

/** A first password to hand out: three groups of five from the recovery-code alphabet, about 74 random bits. */
const firstPassword = () => `${newRecoveryCode()}-${newRecoveryCode().slice(0, 5)}`.toLowerCase();

const FILE_PROBLEM_TEXT: Record<NonNullable<AccountImportPlan['fileProblem']>, string> = {
  empty: 'The file holds no rows.',
  notText: 'The file is not a text (CSV) file; save the list from the spreadsheet as CSV.',
  missingColumns: 'The file has no column for the code or the name.',
  tooManyRows: 'The file has more rows than any staff list.',
};

/**
 * Accounts for a whole school from its staff list (docs/security-accounts.md §6), and changes to many at once.
 * A preview writes nothing; an import writes every row it would accept or none (one transaction), each new account
 * with a first password that must be replaced at its first sign-in.
 */
export function createAccountImport(ctx: AccountImportContext) {
  const { accounts, sessions, audit, now } = ctx;

  return {
    preview: (admin: StaffUser, csv: string): AccountImportPlan => planImport(csv, accounts.all(), admin.id),

    async apply(admin: StaffUser, csv: string): Promise<AccountImportResult> {
      const planned = planImport(csv, accounts.all(), admin.id);
      if (planned.fileProblem) throw new CallFailure('INVALID_INPUT', FILE_PROBLEM_TEXT[planned.fileProblem]);
      const creates = planned.rows.filter((r) => r.action === 'create');
      // Hashed before the transaction, off the event loop; the transaction itself is quick.
      const passwords = creates.map(() => firstPassword());
      const hashes = await Promise.all(passwords.map(hashRandomSecret));
      const hashOf = new Map(creates.map((c, i) => [c.code.toLowerCase(), i]));
      // Recomputed at the moment of writing: an account made meanwhile is changed, not doubled.
      const plan = planImport(csv, accounts.all(), admin.id);
      const firstPasswords: AccountImportResult['firstPasswords'] = [];
      let changed = 0;
      accounts.inTransaction(() => {
        for (const row of plan.rows) {
          const username = row.code.toLowerCase();
          if (row.action === 'create') {
            const i = hashOf.get(username);
            if (i === undefined) continue; // appeared between the two plans: left for the next import
            const account = accounts.create({
              username, displayName: row.displayName, role: row.role!, passwordHash: hashes[i]!, teacherCode: row.code, email: row.email,
              mustChangePassword: true, now: now(),
            });
            if (account.role === 'admin') accounts.set(account.id, { totp_setup_open: 1 });
            firstPasswords.push({ username, displayName: row.displayName, password: passwords[i]! });
            audit.append(admin.username, 'accounts.change', username, `created as ${account.role} from an imported list (line ${row.line})`);
          } else if (row.action === 'change') {
            const current = accounts.byUsername(username)!;
            const columns: Partial<AccountRow> = {};
            if (row.changes.includes('displayName')) columns.display_name = row.displayName;
            if (row.changes.includes('email')) columns.email = row.email;
            if (row.changes.includes('role')) columns.role = row.role!;
            if (row.changes.includes('teacherCode')) columns.teacher_code = row.code;
            // Made an administrator: its authenticator set-up is offered at the next sign-in, as for a promotion by hand.
            if (columns.role === 'admin' && current.totp_enabled !== 1) columns.totp_setup_open = 1;
            accounts.set(current.id, columns);
            if (columns.role) sessions.closeAccount(current.id);
            changed++;
            audit.append(admin.username, 'accounts.change', username, `${row.changes.join(', ')} from an imported list (line ${row.line})`);
          }
        }
      });
      const refused = plan.rows.filter((r) => r.action === 'refuse').length;
      audit.append(admin.username, 'accounts.change', null, `staff list imported: ${firstPasswords.length} created, ${changed} changed, ${refused} rows refused`);
      return { created: firstPasswords.length, changed, refused, firstPasswords };
    },

    /** One role, or disabled or enabled, for many accounts at once; never the administrator's own. */
    bulkUpdate(admin: StaffUser, input: { ids: number[]; role?: StaffRole; disabled?: boolean }): { changed: number } {
      if (input.role === undefined && input.disabled === undefined) throw new CallFailure('INVALID_INPUT', 'Say what to change: a role, or disabled.');
      if (input.ids.includes(admin.id)) throw new CallFailure('CONFLICT', 'Your own account is not changed in bulk; another administrator can change it.');
      const rows = input.ids.map((id) => accounts.byId(id));
      if (rows.some((r) => r === undefined)) throw new CallFailure('NOT_FOUND', 'One of the chosen accounts no longer exists; reload the list.');
      let changed = 0;
      accounts.inTransaction(() => {
        for (const row of rows as AccountRow[]) {
          const columns: Partial<AccountRow> = {};
          if (input.role !== undefined && input.role !== row.role) {
            columns.role = input.role;
            if (input.role === 'admin' && row.totp_enabled !== 1) columns.totp_setup_open = 1;
          }
          if (input.disabled !== undefined && (input.disabled ? 1 : 0) !== row.disabled) columns.disabled = input.disabled ? 1 : 0;
          if (Object.keys(columns).length === 0) continue;
          accounts.set(row.id, columns);
          sessions.closeAccount(row.id);
          changed++;
          audit.append(admin.username, 'accounts.change', row.username, `${Object.keys(columns).filter((k) => k !== 'totp_setup_open').join(', ')} (bulk)`);
        }
      });
      return { changed };
    },
  };
}

export type AccountImport = ReturnType<typeof createAccountImport>;
