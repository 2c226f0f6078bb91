import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memorySecretStore } from '../../secrets/secretStore';
import { useTempDirs } from '../../testing/tempDir';
import { FleetAdminError, loadRoster } from '../fleetAdmin';
import { fleetPaths } from '../fleetFolder';
import { newKeyPair } from '../keys';
import { newStaffPcKeyPair, x25519Text } from '../staffBundle/sealed';
import { approveStaffPc, requestEnrolment, revokeStaffPc, staffRecipients, waitingStaffPcs } from './staffPcAdmin';
import { staffPcKeys } from './staffPcKeys';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 24, 8);
const AUDIT_KEY = x25519Text(newStaffPcKeyPair().publicKey);

async function setUp() {
  const folder = tempDir();
  const ctx = { dataDir: tempDir(), folder, school: 'gangbord-college', key: newKeyPair(), now: () => NOW };
  const keys = await staffPcKeys(memorySecretStore());
  await requestEnrolment(folder, keys, NOW);
  return { ctx, keys, file: fleetPaths(folder).staffRequestOf(keys.id) };
}

describe('a staff PC joining the fleet', () => {
  it('waits until approved, is a recipient once approved, and not once revoked', async () => {
    const { ctx, keys } = await setUp();
    expect((await waitingStaffPcs(ctx)).map((w) => w.id)).toEqual([keys.id]);
    await approveStaffPc(ctx, keys.id, 'Personeelskamer', AUDIT_KEY);
    expect(await waitingStaffPcs(ctx)).toEqual([]);
    expect(staffRecipients(loadRoster(ctx)).map((r) => r.id)).toEqual([keys.id]);
    await revokeStaffPc(ctx, keys.id);
    expect(staffRecipients(loadRoster(ctx))).toEqual([]);
    // Still listed as revoked (its earlier audit entries are still taken), and not revoked twice.
    expect(loadRoster(ctx).staffPcs).toMatchObject([{ id: keys.id, revokedAt: NOW }]);
    await expect(revokeStaffPc(ctx, keys.id)).rejects.toThrow(FleetAdminError);
  });

  it('is not approved with a sealing key someone else slipped into its request', async () => {
    const { ctx, keys, file } = await setUp();
    const request = JSON.parse(readFileSync(file, 'utf8'));
    // Whoever can write to the share swaps in a key of their own, keeping the PC's fingerprint to compare.
    writeFileSync(file, JSON.stringify({ ...request, boxKey: x25519Text(newStaffPcKeyPair().publicKey) }));
    expect(await waitingStaffPcs(ctx)).toEqual([]);
    await expect(approveStaffPc(ctx, keys.id, 'Personeelskamer', AUDIT_KEY)).rejects.toThrow(/no staff PC .* is waiting/);
    expect(loadRoster(ctx).staffPcs).toEqual([]);
  });
});
