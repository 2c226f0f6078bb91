import type { AuditEntry } from '@shared/domain';
import type { Logger } from '../../logger';
import type { KeyObject } from 'node:crypto';
import { ownHeader } from '../envelope';
import { envelopesIn, fleetPaths, readIfThere, writeAtomically } from '../fleetFolder';
import type { FleetKeyPair } from '../keys';
import { openRoster, type Roster } from '../roster';
import { x25519FromText } from '../staffBundle/sealed';
import { type ChainHead, EMPTY_HEAD, headOfBatchBody, sealAuditBatch } from './auditBatch';

/*
 * A staff PC's side of the school's audit log (docs/fleet.md, "One audit log"): its entries go into the fleet folder
 * in signed, chained batches, after they are in its own log. Where it left off is read back from its own newest batch
 * in the folder (signed by itself), so a restart goes on where it stopped. While the folder is away (the PC is off the
 * network, the share is down) nothing is lost: the entries wait in the local log and follow, in order, when it is back.
 * Batches are sealed for the publisher's audit key, read from the roster the publisher signed; until a roster names
 * one, entries wait too.
 */

/** Entries per batch: a day of a busy PC in one file, a first forward of a long-kept log in a few. */
const BATCH = 1000;

export interface AuditForwarderOptions {
  folder: string;
  school: string;
  pc: string;
  key: FleetKeyPair;
  /** The publisher's signing key, pinned at set-up: only a roster it signed names the audit key. */
  publisher: KeyObject;
  entriesAfter: (id: number, limit: number) => AuditEntry[];
  now: () => number;
  log: Logger;
}

/** The batch file's name: its last entry's id, zero-padded, so the folder lists batches in order. */
export const batchName = (lastId: number) => `${String(lastId).padStart(12, '0')}.env`;

export function createAuditForwarder(o: AuditForwarderOptions) {
  const dir = fleetPaths(o.folder).auditOf(o.pc);
  let head: ChainHead | null = null;
  let running: Promise<number> | null = null;

  async function headInFolder(): Promise<ChainHead> {
    const files = await envelopesIn(dir);
    for (const name of files.reverse()) {
      const bytes = await readIfThere(`${dir}/${name}`);
      const header = bytes ? ownHeader(bytes, o.key.publicKey) : null;
      if (!header || header.kind !== 'audit') continue;
      const last = headOfBatchBody(bytes!.subarray(bytes!.indexOf(0x0a, bytes!.indexOf(0x0a) + 1) + 1));
      if (last && last.id === header.seq) return last;
    }
    return EMPTY_HEAD;
  }

  let rosterSeq: number | undefined;
  let roster: Roster | null = null;
  /** The roster the publisher signed (never an older one than last time): whom to seal for, and whether this PC is in. */
  async function publisherAuditKey(): Promise<KeyObject | null> {
    const bytes = await readIfThere(fleetPaths(o.folder).roster);
    const lastSeq = rosterSeq !== undefined ? rosterSeq - 1 : undefined;
    const opened = bytes ? openRoster(bytes, { school: o.school, publisher: o.publisher, now: o.now(), lastSeq }) : null;
    if (opened?.ok) {
      rosterSeq = opened.seq;
      roster = opened.roster;
    }
    return roster?.auditKey ? x25519FromText(roster.auditKey) : null;
  }

  async function forwardAll(): Promise<number> {
    const sealFor = await publisherAuditKey();
    if (!sealFor) return 0;
    head ??= await headInFolder();
    let sent = 0;
    for (;;) {
      const entries = o.entriesAfter(head.id, BATCH);
      if (entries.length === 0) return sent;
      const batch = sealAuditBatch({ pc: o.pc, school: o.school, head, entries, now: o.now(), auditKey: sealFor }, o.key);
      await writeAtomically(`${dir}/${batchName(batch.head.id)}`, batch.bytes);
      head = batch.head;
      sent += entries.length;
    }
  }

  /** Forwards every entry not yet in the folder; one run at a time. A failure is logged and tried again next time. */
  async function forward(): Promise<number> {
    if (running) return running;
    running = forwardAll().catch((error: Error) => {
      // The head is read again from the folder next time: a batch may or may not have landed.
      head = null;
      o.log.warn('fleet.audit-not-forwarded', { reason: error.message });
      return 0;
    }).finally(() => {
      running = null;
    });
    return running;
  }

  /**
   * Reads the roster again (the sign-in screen says whether this PC is approved); when it first names an audit key
   * (this PC was just approved), what waited in the local log goes at once.
   */
  async function followRoster(): Promise<void> {
    const hadKey = roster?.auditKey ?? null;
    await publisherAuditKey();
    if (roster?.auditKey && roster.auditKey !== hadKey) await forward();
  }

  return { forward, followRoster, roster: () => roster };
}
