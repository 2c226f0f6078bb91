import { createHash, createHmac } from 'node:crypto';
import { AUDIT_KINDS, type AuditAction, type AuditEntry, type AuditKind } from '@shared/domain';
import type { CacheDb } from '../db/open';

const GENESIS = '0'.repeat(64);

interface AuditRow {
  id: number;
  at_ms: number;
  actor: string;
  action: string;
  subject: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
  keyed: number;
}

/** The last row whose hash was checkpointed outside the database (auditKeyring.ts). */
export interface AuditAnchor {
  id: number;
  hash: string;
}

/** What keys the chain and keeps its anchor, both outside the records database (docs/security-accounts.md §5). */
export interface AuditKeyring {
  key: Buffer;
  readAnchor(): Promise<AuditAnchor | null>;
  writeAnchor(anchor: AuditAnchor): Promise<void>;
}

export interface AuditFilter {
  actor?: string;
  pupil?: string;
  kind?: AuditKind;
  from?: number;
  to?: number;
}

/**
 * A row's link in the chain. Keyed rows: HMAC-SHA-256 under the audit key, so whoever holds only the database key
 * cannot write a row that fits. Rows from before the key: plain SHA-256, as they were written.
 */
function rowHash(
  key: Buffer | null,
  prev: string,
  id: number,
  at: number,
  actor: string,
  action: string,
  subject: string | null,
  detail: string | null,
): string {
  // Every field, length-prefixed, so no two different rows can hash the same by shifting text between fields.
  const fields = [prev, String(id), String(at), actor, action, subject ?? '\u0000', detail ?? '\u0000'];
  const text = fields.map((f) => `${f.length}:${f}`).join('|');
  return (key ? createHmac('sha256', key) : createHash('sha256')).update(text).digest('hex');
}

const toEntry = (r: AuditRow): AuditEntry => ({ id: r.id, at: r.at_ms, actor: r.actor, action: r.action as AuditAction, subject: r.subject, detail: r.detail });

function where(filter: AuditFilter): { sql: string; args: (string | number)[] } {
  const conditions: [string, string | number | undefined][] = [
    ['actor = ?', filter.actor || undefined],
    ['subject = ?', filter.pupil || undefined],
    ['at_ms >= ?', filter.from],
    ['at_ms < ?', filter.to],
  ];
  const used = conditions.filter((c): c is [string, string | number] => c[1] !== undefined);
  const sql = used.map((c) => c[0]);
  const args: (string | number)[] = used.map((c) => c[1]);
  if (filter.kind) {
    const actions = AUDIT_KINDS[filter.kind];
    sql.push(`action IN (${actions.map(() => '?').join(', ')})`);
    args.push(...actions);
  }
  return { sql: sql.length ? `WHERE ${sql.join(' AND ')}` : '', args };
}

const csvField = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // Quote everything, double inner quotes, and defuse spreadsheet formulas (=, +, -, @ at the start).
  return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

/**
 * Who looked at what, and when: append-only (triggers refuse UPDATE and DELETE) and hash-chained, so that a changed
 * or removed row breaks the chain from there on. Written with synchronous=FULL: an entry survives a power cut.
 * With a keyring the chain is keyed and its head checkpointed outside the database, so a rewritten or cut-off tail
 * is found too (docs/security-accounts.md §5).
 */
export function createAuditLog(db: CacheDb, now: () => number, keyring: AuditKeyring | null = null) {
  const key = keyring?.key ?? null;
  const last = db.prepare('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1');
  const insert = db.prepare('INSERT INTO audit (id, at_ms, actor, action, subject, detail, prev_hash, hash, keyed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const append = db.transaction((actor: string, action: AuditAction, subject: string | null, detail: string | null): AuditEntry & { hash: string } => {
    const prev = last.get() as { id: number; hash: string } | undefined;
    const id = (prev?.id ?? 0) + 1;
    const at = now();
    const prevHash = prev?.hash ?? GENESIS;
    const hash = rowHash(key, prevHash, id, at, actor, action, subject, detail);
    insert.run(id, at, actor, action, subject, detail, prevHash, hash, key ? 1 : 0);
    return { id, at, actor, action, subject, detail, hash };
  });
  // Anchor writes go one after another, each with the newest head; a crash leaves the anchor at most a few rows
  // behind the head, which verify() accepts (the rows after it are still keyed).
  let anchoring: Promise<void> = Promise.resolve();
  let anchorWanted: AuditAnchor | null = null;
  const anchor = (head: AuditAnchor) => {
    if (!keyring) return;
    anchorWanted = head;
    anchoring = anchoring.then(async () => {
      const next = anchorWanted;
      anchorWanted = null;
      if (next) await keyring.writeAnchor(next);
    }).catch(() => undefined);
  };

  return {
    append(actor: string, action: AuditAction, subject: string | null = null, detail: string | null = null): AuditEntry {
      const { hash, ...entry } = append.immediate(actor, action, subject, detail);
      anchor({ id: entry.id, hash });
      return entry;
    },

    /** Waits until the newest head is checkpointed (before a stop, and in tests). */
    flush: (): Promise<void> => anchoring,

    query(filter: AuditFilter, limit: number, before?: number): { entries: AuditEntry[]; more: boolean } {
      const w = where(filter);
      const cond = before !== undefined ? `${w.sql ? `${w.sql} AND` : 'WHERE'} id < ?` : w.sql;
      const rows = db.prepare(`SELECT * FROM audit ${cond} ORDER BY id DESC LIMIT ?`).all(...w.args, ...(before !== undefined ? [before] : []), limit + 1) as AuditRow[];
      return { entries: rows.slice(0, limit).map(toEntry), more: rows.length > limit };
    },

    /** The filtered log as CSV; `nameOf` gives a pupil's name for looks at pupils (a privacy request wants them). */
    exportCsv(filter: AuditFilter, nameOf: (entry: { action: string; subject: string | null }) => string | null = () => null): string {
      const w = where(filter);
      const lines = ['id,at,actor,action,subject,subject_name,detail'];
      for (const r of db.prepare(`SELECT * FROM audit ${w.sql} ORDER BY id`).iterate(...w.args) as IterableIterator<AuditRow>) {
        lines.push([r.id, new Date(r.at_ms).toISOString(), r.actor, r.action, r.subject, nameOf(r), r.detail].map(csvField).join(','));
      }
      return `${lines.join('\r\n')}\r\n`;
    },

    /** The entries after `id`, oldest first, at most `limit`: what a staff PC in the fleet forwards next. */
    entriesAfter(id: number, limit: number): AuditEntry[] {
      return (db.prepare('SELECT * FROM audit WHERE id > ? ORDER BY id LIMIT ?').all(id, limit) as AuditRow[]).map(toEntry);
    },

    /** Every entry of one kind since a moment, oldest first (for summaries such as audit.pupilSearches). */
    entriesOf(action: AuditAction, sinceMs: number): AuditEntry[] {
      return (db.prepare('SELECT * FROM audit WHERE action = ? AND at_ms >= ? ORDER BY id').all(action, sinceMs) as AuditRow[]).map(toEntry);
    },

    /**
     * Recomputes the chain from the first row; the first row that does not fit is where tampering begins. A plain
     * row after a keyed one does not fit (a forger cannot fall back to the unkeyed hash), and the anchor must still
     * be in the chain: a log cut short, or rewritten from before the anchor, breaks there.
     */
    async verify(): Promise<{ ok: boolean; checked: number; brokenAt: number | null }> {
      await anchoring;
      let prev = GENESIS;
      let expectedId = 1;
      let checked = 0;
      let keyedSeen = false;
      const hashes = new Map<number, string>();
      const anchored = keyring ? await keyring.readAnchor() : null;
      for (const r of db.prepare('SELECT * FROM audit ORDER BY id').iterate() as IterableIterator<AuditRow>) {
        const keyedRow = r.keyed === 1;
        const fits = r.id === expectedId && r.prev_hash === prev && (keyedRow || !keyedSeen) && (!keyedRow || key !== null)
          && r.hash === rowHash(keyedRow ? key : null, prev, r.id, r.at_ms, r.actor, r.action, r.subject, r.detail);
        if (!fits) return { ok: false, checked, brokenAt: r.id === expectedId ? r.id : expectedId };
        keyedSeen ||= keyedRow;
        if (anchored?.id === r.id) hashes.set(r.id, r.hash);
        prev = r.hash;
        expectedId += 1;
        checked += 1;
      }
      if (anchored && hashes.get(anchored.id) !== anchored.hash) return { ok: false, checked, brokenAt: Math.min(anchored.id, expectedId) };
      return { ok: true, checked, brokenAt: null };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
