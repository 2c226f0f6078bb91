import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@shared/domain';
import { sealEnvelope } from '../envelope';
import { newKeyPair } from '../keys';
import { newStaffPcKeyPair, seal } from '../staffBundle/sealed';
import { chainEntries, type ChainHead, EMPTY_HEAD, openAuditBatch, sealAuditBatch } from './auditBatch';

const SCHOOL = 'gangbord-college';
const NOW = Date.UTC(2026, 10, 24, 8);
const PC = 'pc-0123456789';
const key = newKeyPair();
const publisher = newStaffPcKeyPair();

const entry = (id: number, subject = '120631'): AuditEntry =>
  ({ id, at: NOW + id * 1000, actor: 'beheer', action: 'pupil.card', subject, detail: null });
const batch = (head: ChainHead, entries: AuditEntry[], signer = key) =>
  sealAuditBatch({ pc: PC, school: SCHOOL, head, entries, now: NOW, auditKey: publisher.publicKey }, signer);
const openAt = (bytes: Buffer, head: ChainHead) =>
  openAuditBatch(bytes, { school: SCHOOL, pc: PC, key: key.publicKey, head, now: NOW + 60_000, auditKey: publisher.privateKey });

describe("a staff PC's audit batches", () => {
  it('are taken in order, each following on from the last', () => {
    const first = batch(EMPTY_HEAD, [entry(1), entry(2)]);
    const second = batch(first.head, [entry(3)]);
    expect(openAt(first.bytes, EMPTY_HEAD)).toMatchObject({ ok: true, entries: [{ id: 1 }, { id: 2 }] });
    expect(openAt(second.bytes, first.head)).toMatchObject({ ok: true, entries: [{ id: 3 }] });
    // Not twice, and not the second before the first.
    expect(openAt(first.bytes, second.head)).toMatchObject({ ok: false, reason: 'replayed' });
    expect(openAt(second.bytes, EMPTY_HEAD)).toMatchObject({ ok: false, reason: 'entry-missing' });
  });

  it('may reach back before the last entry taken (a PC whose folder was emptied sends again), if it is the same history', () => {
    const first = batch(EMPTY_HEAD, [entry(1), entry(2)]);
    const again = batch(EMPTY_HEAD, [entry(1), entry(2), entry(3)]);
    expect(openAt(again.bytes, first.head)).toMatchObject({ ok: true, entries: [{ id: 3 }] });
    // The same ids with entry 1 rewritten: its chain cannot reach the hash taken for entry 2.
    const rewritten = batch(EMPTY_HEAD, [entry(1, '999999'), entry(2), entry(3)]);
    expect(openAt(rewritten.bytes, first.head)).toMatchObject({ ok: false, reason: 'chain-broken' });
  });

  it('refuse a PC that leaves an entry out, or rewrites one, even when it signs the result itself', () => {
    const first = batch(EMPTY_HEAD, [entry(1), entry(2)]);
    // Entry 3 "forgotten": the next batch starts at 4.
    expect(openAt(batch(first.head, [entry(4)]).bytes, first.head)).toMatchObject({ ok: false, reason: 'entry-missing' });
    // A batch that claims to follow on but whose entries were chained from another history.
    const rewritten = chainEntries(EMPTY_HEAD, [entry(1, '999999'), entry(2), entry(3)]).slice(2);
    const body = Buffer.concat([
      Buffer.from(`${JSON.stringify({ last: { id: 3, hash: rewritten[0]!.hash } })}\n`),
      seal(Buffer.from(JSON.stringify({ pc: PC, prev: first.head.hash, entries: rewritten })), [{ id: 'publisher', publicKey: publisher.publicKey }]),
    ]);
    const forged = sealEnvelope({ kind: 'audit', school: SCHOOL, seq: 3, issuedAt: NOW, notAfter: NOW + 3_600_000, body }, key);
    expect(openAt(forged, first.head)).toMatchObject({ ok: false, reason: 'chain-broken' });
  });

  it('are believed from their own PC only, and read by the publisher only', () => {
    const other = newKeyPair();
    expect(openAt(batch(EMPTY_HEAD, [entry(1)], other).bytes, EMPTY_HEAD)).toMatchObject({ ok: false, reason: 'unknown-key' });
    const bytes = batch(EMPTY_HEAD, [entry(1)]).bytes;
    expect(bytes.includes(Buffer.from('120631'))).toBe(false);
    const stranger = newStaffPcKeyPair();
    expect(openAuditBatch(bytes, { school: SCHOOL, pc: PC, key: key.publicKey, head: EMPTY_HEAD, now: NOW, auditKey: stranger.privateKey }))
      .toMatchObject({ ok: false, reason: 'not-a-recipient' });
  });
});
