import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@shared/domain';
import { memoryLogger } from '../../logger';
import { openRecords } from '../../records/openRecords';
import { useTempDirs } from '../../testing/tempDir';
import { EMPTY_ROSTER, type Roster } from '../roster';
import { fleetPaths, writeAtomically } from '../fleetFolder';
import { newKeyPair, publicKeyText } from '../keys';
import { newStaffPcKeyPair, x25519Text } from '../staffBundle/sealed';
import { batchName } from './auditForwarder';
import { EMPTY_HEAD, sealAuditBatch } from './auditBatch';
import { createSchoolAuditLog } from './schoolAuditLog';

const tempDir = useTempDirs();
const SCHOOL = 'gangbord-college';
const NOW = Date.UTC(2026, 10, 24, 8);
const PC = 'pc-0123456789';

const entry = (id: number): AuditEntry => ({ id, at: NOW + id * 60_000, actor: 'jansen', action: 'pupil.card', subject: '120631', detail: null });

describe("the school's audit log", () => {
  it("takes a revoked PC's entries up to its revocation, and nothing after, without a finding", async () => {
    const folder = tempDir();
    const device = newKeyPair();
    const audit = newStaffPcKeyPair();
    const records = openRecords(tempDir(), Buffer.alloc(32, 2), memoryLogger());
    const log = createSchoolAuditLog(records);
    const ctx = { dataDir: tempDir(), folder, school: SCHOOL, key: newKeyPair(), now: () => NOW + 3_600_000 };
    const pc = { id: PC, name: 'Mediatheek', publicKey: publicKeyText(device.publicKey), boxKey: x25519Text(newStaffPcKeyPair().publicKey), approvedAt: NOW };
    // Entries 1..5, one a minute from NOW; revoked between the third and the fourth.
    const entries = [1, 2, 3, 4, 5].map(entry);
    const batch = sealAuditBatch({ pc: PC, school: SCHOOL, head: EMPTY_HEAD, entries, now: NOW + 360_000, auditKey: audit.publicKey }, device);
    await writeAtomically(`${fleetPaths(folder).auditOf(PC)}/${batchName(5)}`, batch.bytes);
    const revoked: Roster = { ...EMPTY_ROSTER, staffPcs: [{ ...pc, revokedAt: NOW + 3.5 * 60_000 }] };
    expect(await log.collect(ctx, revoked, audit.privateKey)).toEqual({ taken: 3, problems: [] });
    expect(await log.collect(ctx, revoked, audit.privateKey)).toEqual({ taken: 0, problems: [] });
    expect(log.query({ pc: PC }, 10).map((e) => e.id)).toEqual([3, 2, 1]);
    // Not revoked, the same batch is taken whole from where it stood.
    expect(await log.collect(ctx, { ...revoked, staffPcs: [{ ...pc, revokedAt: null }] }, audit.privateKey)).toEqual({ taken: 2, problems: [] });
    expect(log.verify()).toEqual({ ok: true, checked: 5, broken: [] });
    records.close();
  });
});
