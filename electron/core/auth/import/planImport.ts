import { type AccountImportPlan, type AccountImportRow, Username } from '@shared/domain';
import type { AccountRow } from '../accounts';
import { readCsv } from './readCsv';

/** More rows than any school has staff: a file this long is not a staff list. */
export const MAX_IMPORT_ROWS = 5000;
const MAX_NAME = 100;
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** The header names schools use, Dutch and English, any case, with or without spaces or dashes. */
const COLUMNS: Record<'code' | 'name' | 'email' | 'role', string[]> = {
  code: ['code', 'afkorting', 'docentcode', 'gebruikersnaam', 'username', 'login'],
  name: ['name', 'naam', 'volledigenaam', 'fullname', 'displayname', 'weergavenaam'],
  email: ['email', 'mail', 'emailadres', 'emailaddress'],
  role: ['role', 'rol', 'functie'],
};
const ROLES: Record<string, 'teacher' | 'admin'> = {
  teacher: 'teacher', docent: 'teacher', leraar: 'teacher', staff: 'teacher', medewerker: 'teacher',
  admin: 'admin', administrator: 'admin', beheerder: 'admin',
};
const squash = (s: string) => s.toLowerCase().replace(/[\s_-]/g, '');

/** "M. de Beek (BEE)" with code BEE is "M. de Beek": the page adds the code itself, so it is never shown twice. */
function withoutCode(name: string, code: string): string {
  const suffix = `(${code})`.toLowerCase();
  const trimmed = name.trim();
  return trimmed.toLowerCase().endsWith(suffix) ? trimmed.slice(0, -suffix.length).trim() : trimmed;
}

interface Existing {
  byUsername: Map<string, AccountRow>;
  emails: Map<string, string>;
}

/**
 * What importing this list would do, row by row, against the accounts there are now: create, change, leave as it
 * is, or refuse with the reason. Reads only; `applyImport` recomputes it at the moment it writes.
 */
export function planImport(csv: string, accounts: readonly AccountRow[], importerId: number): AccountImportPlan {
  const empty = (fileProblem: AccountImportPlan['fileProblem'], missingColumns: string[] = []): AccountImportPlan => ({
    fileProblem, missingColumns, rows: [], counts: { create: 0, change: 0, unchanged: 0, refuse: 0 },
  });
  // A spreadsheet saved as .xlsx, or a photo, chosen by mistake: binary, not a list.
  if (csv.includes('\u0000')) return empty('notText');
  const table = readCsv(csv);
  if (table.length === 0) return empty('empty');
  const header = table[0]!.cells.map(squash);
  type Column = keyof typeof COLUMNS;
  const at = Object.fromEntries(Object.entries(COLUMNS).map(([k, names]) => [k, header.findIndex((h) => names.includes(h))])) as Record<Column, number>;
  const missing = (['code', 'name'] as const).filter((k) => at[k] < 0);
  if (missing.length) return empty('missingColumns', missing);
  if (table.length - 1 > MAX_IMPORT_ROWS) return empty('tooManyRows');

  const existing: Existing = { byUsername: new Map(accounts.map((a) => [a.username, a])), emails: new Map() };
  for (const a of accounts) if (a.email) existing.emails.set(a.email.toLowerCase(), a.username);
  const seenCodes = new Set<string>();
  const seenEmails = new Set<string>();
  const rows = table.slice(1).map(({ cells, line }) => {
    const cell = (k: keyof typeof COLUMNS) => (at[k] >= 0 ? (cells[at[k]] ?? '').trim() : '');
    const code = cell('code');
    const email = cell('email') === '' ? null : cell('email').toLowerCase();
    const roleText = squash(cell('role'));
    const role = roleText === '' ? 'teacher' : (ROLES[roleText] ?? null);
    const displayName = withoutCode(cell('name'), code);
    const row = (action: AccountImportRow['action'], problem: AccountImportRow['problem'] = null, changes: AccountImportRow['changes'] = []): AccountImportRow =>
      ({ line, code, displayName: displayName.slice(0, 200), email, role, action, changes, problem });

    if (code === '') return row('refuse', 'noCode');
    const username = Username.safeParse(code);
    if (!username.success) return row('refuse', 'badCode');
    if (seenCodes.has(username.data)) return row('refuse', 'doubleCode');
    seenCodes.add(username.data);
    if (displayName === '') return row('refuse', 'noName');
    if (displayName.length > MAX_NAME) return row('refuse', 'nameTooLong');
    if (email !== null && (!EMAIL.test(email) || email.length > 200)) return row('refuse', 'badEmail');
    if (role === null) return row('refuse', 'badRole');
    if (email !== null) {
      if (seenEmails.has(email)) return row('refuse', 'doubleEmail');
      seenEmails.add(email);
      const holder = existing.emails.get(email);
      if (holder !== undefined && holder !== username.data) return row('refuse', 'emailTaken');
    }
    const current = existing.byUsername.get(username.data);
    if (!current) return row('create');
    if (current.id === importerId && role !== current.role) return row('refuse', 'ownRole');
    const changes: AccountImportRow['changes'] = [];
    if (current.display_name !== displayName) changes.push('displayName');
    if (email !== null && current.email !== email) changes.push('email');
    if (current.role !== role) changes.push('role');
    if (current.teacher_code === null) changes.push('teacherCode');
    return row(changes.length ? 'change' : 'unchanged', null, changes);
  });
  const count = (action: AccountImportRow['action']) => rows.filter((r) => r.action === action).length;
  return { fileProblem: null, missingColumns: [], rows, counts: { create: count('create'), change: count('change'), unchanged: count('unchanged'), refuse: count('refuse') } };
}
