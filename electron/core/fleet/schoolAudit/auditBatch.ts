import { createHash, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { AuditEntry } from '@shared/domain';
import { bodyJson, openEnvelope, sealEnvelope } from '../envelope';
import { type FleetKeyPair, keyIdOf } from '../keys';
import { open, seal } from '../staffBundle/sealed';

/*
 * A staff PC's audit entries on their way to the school's log (docs/fleet.md, "One audit log"): batches of entries in
 * the PC's own order, each entry chained to the one before by SHA-256 (from a zero hash at the PC's first entry), and
 * each batch signed with the PC's device key as an envelope of kind `audit`, numbered by its last entry's id. The
 * publisher takes a batch only when it follows on from the last entry it has of that PC: same hash, next id. So an
 * entry left out, changed, or put in another order is found, and a batch is never taken twice. The entries name who
 * looked at which pupil, so the body is sealed for the publisher's audit key (the roster names it): the share, which
 * every screen can read, shows only that a batch is there.
 */

export const GENESIS = '0'.repeat(64);
const CONTEXT = 'gangbord forwarded audit v1';
/** Ten years: a PC that was away for the holidays still forwards what it logged before. */
const BATCH_VALID_MS = 10 * 365 * 24 * 3_600_000;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const ForwardedEntry = z.object({
  id: z.number().int().min(1),
  at: z.number().int().min(0),
  actor: z.string().max(200),
  action: z.string().max(60),
  subject: z.string().max(200).nullable(),
  detail: z.string().max(2000).nullable(),
  hash: Hex64,
}).strict();
export type ForwardedEntry = z.infer<typeof ForwardedEntry>;

const AuditBatch = z.object({ pc: z.string().regex(/^pc-[0-9a-f]{10}$/), prev: Hex64, entries: z.array(ForwardedEntry).min(1).max(5000) }).strict();

export interface ChainHead {
  id: number;
  hash: string;
}

export const EMPTY_HEAD: ChainHead = { id: 0, hash: GENESIS };

/** An entry's link: every field length-prefixed, so no two different entries hash alike by moving text between fields. */
export function linkHash(prev: string, e: Omit<ForwardedEntry, 'hash'>): string {
  const fields = [CONTEXT, prev, String(e.id), String(e.at), e.actor, e.action, e.subject ?? '\u0000', e.detail ?? '\u0000'];
  return createHash('sha256').update(fields.map((f) => `${f.length}:${f}`).join('|')).digest('hex');
}

export function chainEntries(head: ChainHead, entries: readonly AuditEntry[]): ForwardedEntry[] {
  let prev = head.hash;
  return entries.map((e) => {
    const link = { id: e.id, at: e.at, actor: e.actor, action: e.action, subject: e.subject, detail: e.detail };
    prev = linkHash(prev, link);
    return { ...link, hash: prev };
  });
}

/** The one recipient of every audit batch: the publisher, by its audit key. */
const PUBLISHER = 'publisher';

export function sealAuditBatch(
  input: { pc: string; school: string; head: ChainHead; entries: readonly AuditEntry[]; now: number; auditKey: KeyObject },
  key: FleetKeyPair,
): { bytes: Buffer; head: ChainHead } {
  const entries = chainEntries(input.head, input.entries);
  const last = entries[entries.length - 1]!;
  const sealed = seal(Buffer.from(JSON.stringify({ pc: input.pc, prev: input.head.hash, entries })), [{ id: PUBLISHER, publicKey: input.auditKey }]);
  // In the clear, before the sealed part: where the chain stands after this batch (an id and a hash, nothing personal),
  // so the PC can go on from its own newest batch after a restart without reading what it sealed.
  const body = Buffer.concat([Buffer.from(`${JSON.stringify({ last: { id: last.id, hash: last.hash } })}\n`), sealed]);
  const bytes = sealEnvelope({ kind: 'audit', school: input.school, seq: last.id, issuedAt: input.now, notAfter: input.now + BATCH_VALID_MS, body }, key);
  return { bytes, head: { id: last.id, hash: last.hash } };
}

/** Where the chain stands after a batch, from its body's clear first line (the batch's own signature covers it). */
export function headOfBatchBody(body: Buffer): ChainHead | null {
  const newline = body.indexOf(0x0a);
  const parsed = z.object({ last: z.object({ id: z.number().int().min(1), hash: Hex64 }) }).safeParse(bodyJson(body.subarray(0, Math.max(0, newline))));
  return newline > 0 && parsed.success ? parsed.data.last : null;
}

export type OpenedBatch = { ok: true; entries: ForwardedEntry[] } | { ok: false; reason: string; detail: string };

/** A batch checked against the PC's key and the last entry taken from it: signed, for this PC, and following on. */
export function openAuditBatch(
  bytes: Buffer,
  o: { school: string; pc: string; key: KeyObject; head: ChainHead; now: number; auditKey: KeyObject },
): OpenedBatch {
  const trust = { school: o.school, keys: new Map([[keyIdOf(o.key), { publicKey: o.key, kinds: ['audit'] as const }]]), revoked: new Set<string>() };
  const opened = openEnvelope(bytes, { trust, kind: 'audit', now: o.now, lastSeq: o.head.id });
  if (!opened.ok) return { ok: false, reason: opened.refusal, detail: opened.detail };
  const newline = opened.body.indexOf(0x0a);
  const unsealed = open(opened.body.subarray(newline + 1), PUBLISHER, o.auditKey);
  if (!unsealed.ok) return { ok: false, reason: unsealed.reason, detail: 'not sealed for this publisher\'s audit key' };
  const batch = AuditBatch.safeParse(bodyJson(unsealed.body));
  if (!batch.success || batch.data.pc !== o.pc) return { ok: false, reason: 'malformed', detail: 'not an audit batch of this PC' };
  const { prev: start, entries } = batch.data;
  const first = entries[0]!.id;
  // A batch may reach back before the last entry taken (a PC whose folder was emptied sends its log again): it must
  // then reproduce that entry's hash, which commits to the whole history before it.
  if (first > o.head.id + 1) return { ok: false, reason: 'entry-missing', detail: `entries ${o.head.id + 1} to ${first - 1} are missing` };
  if (first === 1 && start !== GENESIS) return { ok: false, reason: 'chain-broken', detail: 'the first entry does not start the chain' };
  if (first === o.head.id + 1 && start !== o.head.hash) return { ok: false, reason: 'chain-broken', detail: `does not follow on from entry ${o.head.id}` };
  let prev = start;
  let id = first - 1;
  let joined = first === o.head.id + 1;
  for (const e of entries) {
    if (e.id !== id + 1) return { ok: false, reason: 'entry-missing', detail: `entry ${id + 1} is missing (found ${e.id})` };
    const { hash, ...link } = e;
    if (linkHash(prev, link) !== hash) return { ok: false, reason: 'chain-broken', detail: `entry ${e.id} is not the one chained` };
    if (e.id === o.head.id) {
      if (hash !== o.head.hash) return { ok: false, reason: 'chain-broken', detail: `entry ${e.id} is not the one taken before` };
      joined = true;
    }
    prev = hash;
    id = e.id;
  }
  if (!joined) return { ok: false, reason: 'chain-broken', detail: `does not follow on from entry ${o.head.id}` };
  const clear = headOfBatchBody(opened.body);
  if (opened.header.seq !== id || clear?.id !== id || clear.hash !== prev) return { ok: false, reason: 'malformed', detail: 'its number or head is not its last entry' };
  return { ok: true, entries: entries.filter((e) => e.id > o.head.id) };
}
