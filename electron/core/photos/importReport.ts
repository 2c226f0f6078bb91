import type { PhotoImportReport } from '@shared/domain';
import { reportedName } from './entryName';
import { type Refusal, refusal } from './refusal';

export type Fate = { kind: 'stored' } | { kind: 'unmatched' } | { kind: 'rejected'; reason: Refusal };

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
    const fate: Fate = fates[i] ?? { kind: 'rejected', reason: refusal('cancelled', 'Not imported (the import stopped before this file).') };
    if (fate.kind === 'stored') stored++;
    else if (fate.kind === 'unmatched') unmatched.push(reportedName(name));
    else rejected.push({ file: reportedName(name), code: fate.reason.code, reason: clampReason(fate.reason.text) });
  });
  if (unmatched.length > MAX_LISTED) {
    const more = unmatched.length - (MAX_LISTED - 1);
    unmatched.splice(MAX_LISTED - 1, Infinity, `(and ${more} more files whose name gave no pupil number)`);
  }
  if (rejected.length > MAX_LISTED) {
    const more = rejected.length - (MAX_LISTED - 1);
    rejected.splice(MAX_LISTED - 1, Infinity, { file: `(and ${more} more files)`, code: 'other', reason: 'Refused; the list stops here.' });
  }
  return { files: names.length, stored, unmatched, rejected };
}

/** A folder or ZIP refused as a whole: one line, for the archive itself. */
export function refusedWhole(name: string, reason: Refusal): PhotoImportReport {
  return { files: 1, stored: 0, unmatched: [], rejected: [{ file: reportedName(name), code: reason.code, reason: clampReason(reason.text) }] };
}
