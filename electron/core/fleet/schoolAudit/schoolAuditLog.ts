import type { KeyObject } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CacheDb } from '../../db/open';
import type { FleetContext } from '../fleetAdmin';
import { envelopesIn, fleetPaths, readIfThere } from '../fleetFolder';
import { publicKeyFromText } from '../keys';
import type { Roster } from '../roster';
import { type ChainHead, EMPTY_HEAD, type ForwardedEntry, GENESIS, linkHash, openAuditBatch } from './auditBatch';

/*
 * The school's audit log on the publisher desk (docs/fleet.md, "One audit log"): it takes every staff PC's batches
 * from the fleet folder in order, checks each against that PC's key and the chain so far, and keeps the entries in
 * its records database (append-only). A batch that does not follow on is not taken, nor anything after it from that
 * PC, and is reported: an entry that went missing is a finding for the privacy officer, not something to skip over.
 */

export interface SchoolAuditProblem {
  pc: string;
  name: string;
  file: string;
  reason: string;
  detail: string;
}

export interface SchoolAuditRow extends ForwardedEntry {
  pc: string;
  pcName: string;
}

interface Row {
  pc: string;
  pc_name: string;
  id: number;
  at_ms: number;
  actor: string;
  action: string;
  subject: string | null;
  detail: string | null;
  hash: string;
}

const toRow = (r: Row): SchoolAuditRow => ({
  pc: r.pc, pcName: r.pc_name, id: r.id, at: r.at_ms, actor: r.actor, action: r.action, subject: r.subject, detail: r.detail, hash: r.hash,
});

export function createSchoolAuditLog(db: CacheDb) {
  const headOf = db.prepare('SELECT id, hash FROM school_audit WHERE pc = ? ORDER BY id DESC LIMIT 1');
  const insert = db.prepare('INSERT INTO school_audit (pc, pc_name, id, at_ms, actor, action, subject, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const take = db.transaction((pc: string, name: string, entries: readonly ForwardedEntry[]) => {
    for (const e of entries) insert.run(pc, name, e.id, e.at, e.actor, e.action, e.subject, e.detail, e.hash);
  });
  const head = (pc: string): ChainHead => (headOf.get(pc) as ChainHead | undefined) ?? EMPTY_HEAD;

  /** Takes what every staff PC in the roster (revoked ones too, for what they logged before) has forwarded since last time. */
  async function collect(ctx: FleetContext, roster: Roster, auditKey: KeyObject): Promise<{ taken: number; problems: SchoolAuditProblem[] }> {
    let taken = 0;
    const problems: SchoolAuditProblem[] = [];
    for (const pc of roster.staffPcs) {
      const dir = fleetPaths(ctx.folder).auditOf(pc.id);
      let current = head(pc.id);
      const files = await envelopesIn(dir);
      for (const file of files) {
        const lastId = Number(file.slice(0, -4));
        if (!Number.isSafeInteger(lastId) || lastId <= current.id) continue;
        const bytes = await readIfThere(join(dir, file));
        if (!bytes) continue;
        const opened = openAuditBatch(bytes, { school: ctx.school, pc: pc.id, key: publicKeyFromText(pc.publicKey), head: current, now: ctx.now(), auditKey });
        if (!opened.ok) {
          problems.push({ pc: pc.id, name: pc.name, file, reason: opened.reason, detail: opened.detail });
          break;
        }
        // A revoked PC's entries count up to its revocation; what it logged after is its own business, not the school's.
        const cut = pc.revokedAt === null ? -1 : opened.entries.findIndex((e) => e.at >= pc.revokedAt!);
        const usable = cut === -1 ? opened.entries : opened.entries.slice(0, cut);
        if (usable.length) {
          take.immediate(pc.id, pc.name, usable);
          current = { id: usable.at(-1)!.id, hash: usable.at(-1)!.hash };
          taken += usable.length;
        }
        if (cut !== -1) break;
      }
      // Batches taken are not needed in the share any more, but the newest: the PC goes on from it after a restart.
      const done = files.slice(0, -1).filter((f) => Number(f.slice(0, -4)) <= current.id);
      await Promise.all(done.map((f) => rm(join(dir, f), { force: true }).catch(() => undefined)));
    }
    return { taken, problems };
  }

  /** Every PC's chain recomputed from its first entry: where a row was changed behind the triggers' back, it breaks. */
  function verify(): { ok: boolean; checked: number; broken: { pc: string; at: number }[] } {
    const broken: { pc: string; at: number }[] = [];
    let checked = 0;
    let pc = '';
    let prev = GENESIS;
    let expected = 1;
    let skip = false;
    for (const r of db.prepare('SELECT * FROM school_audit ORDER BY pc, id').iterate() as IterableIterator<Row>) {
      if (r.pc !== pc) [pc, prev, expected, skip] = [r.pc, GENESIS, 1, false];
      if (skip) continue;
      const link = { id: r.id, at: r.at_ms, actor: r.actor, action: r.action, subject: r.subject, detail: r.detail };
      const fits = r.id === expected && linkHash(prev, link) === r.hash;
      if (!fits) {
        broken.push({ pc, at: expected });
        skip = true;
        continue;
      }
      prev = r.hash;
      expected += 1;
      checked += 1;
    }
    return { ok: broken.length === 0, checked, broken };
  }

  /** The school's entries, newest first, for the log view and its export. */
  function query(
    filter: { pc?: string; actor?: string; subject?: string; actions?: readonly string[]; from?: number; to?: number },
    limit: number,
  ): SchoolAuditRow[] {
    const parts: [string, string | number | undefined][] = [
      ['pc = ?', filter.pc], ['actor = ?', filter.actor], ['subject = ?', filter.subject], ['at_ms >= ?', filter.from], ['at_ms < ?', filter.to],
    ];
    const used = parts.filter((p): p is [string, string | number] => p[1] !== undefined);
    const sql = used.map((p) => p[0]);
    const args: (string | number)[] = used.map((p) => p[1]);
    if (filter.actions) {
      sql.push(`action IN (${filter.actions.map(() => '?').join(', ')})`);
      args.push(...filter.actions);
    }
    const where = sql.length ? `WHERE ${sql.join(' AND ')}` : '';
    return (db.prepare(`SELECT * FROM school_audit ${where} ORDER BY at_ms DESC, pc, id DESC LIMIT ?`).all(...args, limit) as Row[]).map(toRow);
  }

  return { collect, verify, query, head };
}

export type SchoolAuditLog = ReturnType<typeof createSchoolAuditLog>;
