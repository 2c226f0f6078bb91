import type { AuditEntry } from '@shared/domain/staff';

/** What the grouping needs of an entry: this PC's log, or the school's (whose entries also name their PC). */
type Grouped = Pick<AuditEntry, 'id' | 'at' | 'actor' | 'detail'> & { action: string; pc?: string };

/** One row of the audit table: an entry, or a class list opened once (one entry per pupil, shown as one). */
export type AuditRow<E extends Grouped = AuditEntry> =
  | { kind: 'entry'; entry: E }
  | { kind: 'groupLook'; id: number; at: number; actor: string; group: string; pc?: string; entries: E[] };

/** Entries of one class list are written in one go; a gap longer than this starts another look. */
const SAME_LOOK_MS = 5_000;

/**
 * The log as a reader wants it: a class list opened once is one row that opens to its pupils, not 28 rows. The core
 * keeps one entry per pupil, so each pupil's own record of who looked at them stays complete; this only groups the view.
 */
export function auditRows<E extends Grouped>(entries: readonly E[]): AuditRow<E>[] {
  const rows: AuditRow<E>[] = [];
  for (const entry of entries) {
    const last = rows.at(-1);
    if (entry.action === 'group.members' && entry.detail !== null) {
      const sameLook = last?.kind === 'groupLook' && last.actor === entry.actor && last.group === entry.detail && last.pc === entry.pc
        && Math.abs(last.at - entry.at) <= SAME_LOOK_MS;
      if (sameLook) {
        last.entries.push(entry);
        continue;
      }
      rows.push({ kind: 'groupLook', id: entry.id, at: entry.at, actor: entry.actor, group: entry.detail, pc: entry.pc, entries: [entry] });
      continue;
    }
    rows.push({ kind: 'entry', entry });
  }
  return rows;
}
