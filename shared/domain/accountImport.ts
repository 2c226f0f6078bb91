import { z } from 'zod';

/** Why a row of an account list is not imported; the staff page words each (accounts.import.problems). */
export const ACCOUNT_IMPORT_PROBLEMS = [
  'noCode', 'badCode', 'noName', 'nameTooLong', 'badEmail', 'badRole', 'doubleCode', 'doubleEmail', 'emailTaken', 'ownRole',
] as const;
/** Why a whole file is not read. */
export const ACCOUNT_FILE_PROBLEMS = ['empty', 'notText', 'missingColumns', 'tooManyRows'] as const;
export const ACCOUNT_IMPORT_FIELDS = ['displayName', 'email', 'role', 'teacherCode'] as const;

export const AccountImportRow = z.object({
  /** The row's line in the file (the header is line 1), so the administrator can find it. */
  line: z.number().int().positive(),
  code: z.string().max(100),
  displayName: z.string().max(200),
  email: z.string().max(200).nullable(),
  role: z.enum(['teacher', 'admin']).nullable(),
  action: z.enum(['create', 'change', 'unchanged', 'refuse']),
  /** What a `change` changes on the existing account. */
  changes: z.array(z.enum(ACCOUNT_IMPORT_FIELDS)),
  problem: z.enum(ACCOUNT_IMPORT_PROBLEMS).nullable(),
}).strict();
export type AccountImportRow = z.infer<typeof AccountImportRow>;

export const AccountImportPlan = z.object({
  fileProblem: z.enum(ACCOUNT_FILE_PROBLEMS).nullable(),
  /** With `missingColumns`: which of code, name and role the header lacks. */
  missingColumns: z.array(z.string().max(20)),
  rows: z.array(AccountImportRow),
  counts: z.object({ create: z.number().int(), change: z.number().int(), unchanged: z.number().int(), refuse: z.number().int() }).strict(),
}).strict();
export type AccountImportPlan = z.infer<typeof AccountImportPlan>;

export const AccountImportResult = z.object({
  created: z.number().int().min(0),
  changed: z.number().int().min(0),
  refused: z.number().int().min(0),
  /** Each new account's first password, shown once to hand out; it must be replaced at the first sign-in. Never stored. */
  firstPasswords: z.array(z.object({ username: z.string(), displayName: z.string(), password: z.string() }).strict()),
}).strict();
export type AccountImportResult = z.infer<typeof AccountImportResult>;
