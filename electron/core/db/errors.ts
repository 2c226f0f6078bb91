/**
 * Why the cache could not be opened, when it is not something a rebuild fixes. The file is left untouched in
 * every one of these cases: a read-only disk, a locked file or a missing directory is the machine's problem to
 * fix, and deleting the cache would not help.
 */
export type CacheErrorKind = 'readonly' | 'cantopen' | 'busy' | 'from-the-future' | 'other';

export class CacheError extends Error {
  constructor(readonly kind: CacheErrorKind, readonly file: string, message: string, readonly sqliteCode?: string) {
    super(message);
    this.name = 'CacheError';
  }
}

/** SQLite errors that mean the bytes are not a database we can read with our key: rebuild from the source. */
export const REBUILDABLE = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

export function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function describeOpenFailure(file: string, error: unknown): CacheError {
  const code = sqliteCode(error) ?? '';
  if (code.startsWith('SQLITE_READONLY')) return new CacheError('readonly', file, `The cache ${file} is read-only; check the file's permissions and the disk. It was left as it is.`, code);
  if (code.startsWith('SQLITE_CANTOPEN')) return new CacheError('cantopen', file, `The cache ${file} cannot be opened (missing folder, no permission, or not a file). It was left as it is.`, code);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new CacheError('busy', file, `The cache ${file} is locked by another process; is Gangbord already running? It was left as it is.`, code);
  return new CacheError('other', file, `The cache ${file} could not be opened (${code || (error as Error)?.message}). It was left as it is.`, code || undefined);
}
