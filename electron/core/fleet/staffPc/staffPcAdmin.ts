import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { z } from 'zod';
import { bodyJson } from '../envelope';
import { FleetAdminError, type FleetContext, loadRoster, saveRoster } from '../fleetAdmin';
import { fleetPaths, isScreenId, readIfThere, writeAtomically } from '../fleetFolder';
import { publicKeyFromText, publicKeyText, spokenFingerprint } from '../keys';
import type { Roster } from '../roster';
import { x25519FromText, x25519Text } from '../staffBundle/sealed';
import type { Recipient } from '../staffBundle/staffBundle';
import { boxKeyProof, boxKeyProven, staffPcIdOf, type StaffPcKeys } from './staffPcKeys';

/*
 * Staff PCs joining the fleet (docs/fleet.md, "Staff PCs in the fleet"). A staff PC whose source is the fleet folder
 * writes staff/<id>/request.json; the administrator compares the fingerprint it shows with the one the Screens page
 * lists and approves it as a staff PC. Only then does the publisher seal staff bundles for it; revoking it takes it
 * out of the next bundle, so it cannot read anything made after.
 */

const StaffPcRequest = z.object({
  id: z.string().regex(/^pc-[0-9a-f]{10}$/),
  kind: z.literal('staff-pc'),
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  boxKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  proof: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
  fingerprint: z.string().max(60),
  at: z.number(),
}).strict();
export type StaffPcRequest = z.infer<typeof StaffPcRequest>;

/** The staff PC's side: its request, written into the folder at every start (approving it is the administrator's). */
export async function requestEnrolment(folder: string, keys: StaffPcKeys, now: number): Promise<void> {
  const boxKey = x25519Text(keys.box.publicKey);
  const request: StaffPcRequest = {
    id: keys.id, kind: 'staff-pc', publicKey: publicKeyText(keys.device.publicKey), boxKey, proof: boxKeyProof(keys.device, boxKey),
    fingerprint: spokenFingerprint(keys.device.publicKey), at: now,
  };
  await writeAtomically(fleetPaths(folder).staffRequestOf(keys.id), Buffer.from(JSON.stringify(request, null, 2)));
}

/** A request that holds together: its id from its sealing key, the sealing key signed by its device key. */
function wellFormed(request: StaffPcRequest): boolean {
  try {
    const device = publicKeyFromText(request.publicKey);
    return staffPcIdOf(x25519FromText(request.boxKey)) === request.id && boxKeyProven(device, request.boxKey, request.proof)
      && spokenFingerprint(device) === request.fingerprint;
  } catch {
    return false;
  }
}

async function staffRequests(ctx: FleetContext): Promise<StaffPcRequest[]> {
  const paths = fleetPaths(ctx.folder);
  const ids = existsSync(paths.staffPcs) ? await readdir(paths.staffPcs) : [];
  const out: StaffPcRequest[] = [];
  for (const id of ids.filter(isScreenId).sort()) {
    const bytes = await readIfThere(paths.staffRequestOf(id)).catch(() => null);
    const parsed = bytes ? StaffPcRequest.safeParse(bodyJson(bytes)) : null;
    // Anything else anyone put under staff/ is passed over, as under screens/.
    if (parsed?.success && parsed.data.id === id && wellFormed(parsed.data)) out.push(parsed.data);
  }
  return out;
}

/** Staff PCs that asked to join and are not in the roster. */
export async function waitingStaffPcs(ctx: FleetContext): Promise<StaffPcRequest[]> {
  const roster = loadRoster(ctx);
  return (await staffRequests(ctx)).filter((r) => !roster.staffPcs.some((pc) => pc.id === r.id && pc.revokedAt === null));
}

export const isStaffPcId = (id: string) => /^pc-[0-9a-f]{10}$/.test(id);

/**
 * Approves a waiting staff PC by name, after the administrator compared its fingerprint; the roster then also names
 * the publisher's audit key, so the PC can forward its audit entries sealed.
 */
export async function approveStaffPc(ctx: FleetContext, id: string, name: string, auditKey: string): Promise<StaffPcRequest> {
  const request = (await staffRequests(ctx)).find((r) => r.id === id);
  if (!request) throw new FleetAdminError(`no staff PC ${id} is waiting in the fleet folder (or its request does not hold together)`);
  const roster = loadRoster(ctx);
  const approved = { id, name, publicKey: request.publicKey, boxKey: request.boxKey, approvedAt: ctx.now(), revokedAt: null };
  const staffPcs = [...roster.staffPcs.filter((pc) => pc.id !== id), approved];
  await saveRoster(ctx, { ...roster, staffPcs, auditKey });
  return request;
}

/**
 * Takes a staff PC out: the next staff bundle is not sealed for it, so it reads nothing made from now on. It stays in
 * the roster as revoked, so that entries it made before are still taken into the school's audit log.
 */
export async function revokeStaffPc(ctx: FleetContext, id: string): Promise<{ name: string }> {
  const roster = loadRoster(ctx);
  const pc = roster.staffPcs.find((p) => p.id === id && p.revokedAt === null);
  if (!pc) throw new FleetAdminError(`${id} is not an approved staff PC in the roster`);
  await saveRoster(ctx, { ...roster, staffPcs: roster.staffPcs.map((p) => (p.id === id ? { ...p, revokedAt: ctx.now() } : p)) });
  return { name: pc.name };
}

/** Whom the next staff bundle is sealed for: every staff PC in the roster that is not revoked. */
export const staffRecipients = (roster: Roster): Recipient[] =>
  roster.staffPcs.filter((pc) => pc.revokedAt === null).map((pc) => ({ id: pc.id, publicKey: x25519FromText(pc.boxKey) }));
