/** The report's own limit on a file name (shared/domain/staff.ts PhotoImportReport). */
export const MAX_REPORTED_NAME = 300;

// C0 and C1 controls, and the bidi overrides and isolates that can make "gpj.exe" read as "exe.jpg".
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'g');

/**
 * Why a name inside a ZIP must not be used, or null. Nothing is ever extracted, so such a name could do no harm
 * here; it is refused because an archive built to climb out of its folder is hostile, and says so in the report.
 * yauzl's own validateFileName fails the whole archive on the first bad name; this refuses only the entry.
 */
export function unsafeArchiveName(name: string): string | null {
  if (name.length === 0) return 'The entry has no name.';
  if (name.includes('\0')) return 'The name holds a NUL character: refused.';
  if (name.includes('\\')) return 'The name holds a backslash (a Windows path that could climb out of a folder): refused.';
  if (/^[a-zA-Z]:/.test(name)) return 'The name starts with a drive letter (an absolute path): refused.';
  if (name.startsWith('/')) return 'The name is an absolute path: refused.';
  if (name.split('/').includes('..')) return 'The name climbs out of the archive with "..": refused.';
  if (UNPRINTABLE.test(name)) return 'The name holds control characters: refused.';
  return null;
}

/** The last part of a path inside an archive or below the chosen folder (both use "/" here). */
export function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/**
 * A file name as the report shows it: readable and harmless as text (controls and bidi tricks replaced), and
 * within the report's limit, keeping the end, where the pupil number and the extension are.
 */
export function reportedName(name: string): string {
  const clean = name.replace(UNPRINTABLE_ALL, '\ufffd');
  if (clean.length <= MAX_REPORTED_NAME) return clean;
  // Cut on a code point boundary: never half a surrogate pair.
  const tail = clean.slice(clean.length - (MAX_REPORTED_NAME - 1));
  return `…${/^[\udc00-\udfff]/.test(tail) ? tail.slice(1) : tail}`;
}
