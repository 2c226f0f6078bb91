import type { PhotoImportReport } from '@shared/domain';
import { reportedName } from './entryName';

export type Fate = { kind: 'stored' } | { kind: 'unmatched' } | { kind: 'rejected'; reason: string };

/** The report's own limits (shared/domain/staff.ts PhotoImportReport). */
const MAX_LISTED = 10_000;
const MAX_REASON = 300;

const clampReason = (reason: string) => (reason.length <= MAX_REASON ? reason : `${reason.slice(0, MAX_REASON - 1)}…`);

/**
 * Every file's fate, in the order the files were listed. `files` is always stored + unmatched + rejected; only
 * when a list would pass the report's limit is its tail summed up in one last line.
 */
export function buildReport(names: readonly string[], fates: readonly (Fate | undefined)[]): PhotoImportReport {
  let stored = 0;
  const unmatched: string[] = [];
  const rejected: PhotoImportReport['rejected'] = [];
  names.forEach((name, i) => {
    const fate = fates[i] ?? { kind: 'rejected', reason: 'Not imported (the import stopped before this file).' };
    if (fate.kind === 'stored') stored++;
    else if (fate.kind === 'unmatched') unmatched.push(reportedName(name));
    else rejected.push({ file: reportedName(name), reason: clampReason(fate.reason) });
  });
  if (unmatched.length > MAX_LISTED) {
    const more = unmatched.length - (MAX_LISTED - 1);
    unmatched.splice(MAX_LISTED - 1, Infinity, `(and ${more} more files whose name gave no pupil number)`);
  }
  if (rejected.length > MAX_LISTED) {
    const more = rejected.length - (MAX_LISTED - 1);
    rejected.splice(MAX_LISTED - 1, Infinity, { file: `(and ${more} more files)`, reason: 'Refused; the list stops here.' });
  }
  return { files: names.length, stored, unmatched, rejected };
}

/** A folder or ZIP refused as a whole: one line, for the archive itself. */
export function refusedWhole(name: string, reason: string): PhotoImportReport {
  return { files: 1, stored: 0, unmatched: [], rejected: [{ file: reportedName(name), reason: clampReason(reason) }] };
}
