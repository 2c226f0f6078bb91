import { displayName } from '@shared/domain';
import type { CacheDb } from '../db/open';

/** A look at a pupil (its subject is a pupil number), as opposed to an account or a setting. */
export const isPupilLook = (action: string) => action.startsWith('pupil.') || action === 'group.members';

/**
 * Names beside the pupil numbers of looks at pupils, for the administrator reading an audit log (who may see them); a
 * pupil no longer in the cache (left, or erased) keeps the number only. Used for this PC's log and the school's.
 */
export function withPupilNames<E extends { action: string; subject: string | null }>(cache: CacheDb, entries: E[]): (E & { subjectName?: string })[] {
  const numbers = [...new Set(entries.filter((e) => e.subject !== null && isPupilLook(e.action)).map((e) => e.subject!))];
  if (numbers.length === 0) return entries;
  const rows = cache.prepare(`SELECT number, first_name, prefix, last_name FROM pupils WHERE number IN (${numbers.map(() => '?').join(', ')})`)
    .all(...numbers) as { number: string; first_name: string; prefix: string | null; last_name: string }[];
  const names = new Map(rows.map((r) => [r.number, displayName({ firstName: r.first_name, prefix: r.prefix, lastName: r.last_name })]));
  return entries.map((e) => (e.subject !== null && names.has(e.subject) ? { ...e, subjectName: names.get(e.subject)! } : e));
}
