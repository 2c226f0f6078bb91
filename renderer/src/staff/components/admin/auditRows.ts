import type { AuditEntry } from '@shared/domain/staff';

/** One row of the audit table: an entry, or a class list opened once (one entry per pupil, shown as one). */
export type AuditRow =
  | { kind: 'entry'; entry: AuditEntry }
  | { kind: 'groupLook'; id: number; at: number; actor: string; group: string; entries: AuditEntry[] };

/** Entries of one class list are written in one go; a gap longer than this starts another look. */
const SAME_LOOK_MS = 5_000;

/**
 * The log as a reader wants it: a class list opened once is one row that opens to its pupils, not 28 rows. The core
 * keeps one entry per pupil, so each pupil's own record of who looked at them stays complete; this only groups the view.
 */
export function auditRows(entries: readonly AuditEntry[]): AuditRow[] {
  const rows: AuditRow[] = [];
  for (const entry of entries) {
    const last = rows.at(-1);
    if (entry.action === 'group.members' && entry.detail !== null) {
      if (last?.kind === 'groupLook' && last.actor === entry.actor && last.group === entry.detail && Math.abs(last.at - entry.at) <= SAME_LOOK_MS) {
        last.entries.push(entry);
        continue;
      }
      rows.push({ kind: 'groupLook', id: entry.id, at: entry.at, actor: entry.actor, group: entry.detail, entries: [entry] });
      continue;
    }
    rows.push({ kind: 'entry', entry });
  }
  return rows;
}
