import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import type { SecretStore } from '../../secrets/secretStore';
import type { FleetKeyPair } from '../keys';
import { newStaffPcKeyPair, type StaffPcKeyPair, x25519Text } from '../staffBundle/sealed';
import { deviceKey } from '../storedKeys';

/*
 * A staff PC's two keys (docs/fleet.md, "Staff PCs in the fleet"): its Ed25519 device key, which signs its audit
 * batches and whose fingerprint the administrator compares, and an X25519 key the publisher seals staff bundles
 * for. The X25519 key is bound to the device key by a signature in the enrolment request, so comparing the one
 * fingerprint approves both: whoever can write to the share cannot slip in a sealing key of their own.
 */

const BOX_KEY_SECRET = 'fleet.staffPcKey';
const PROOF_CONTEXT = 'gangbord staff pc sealing key v1\u0000';

/** The secret the fleet source reads to open staff bundles (sources/index.ts names it for the sync worker). */
export const STAFF_PC_KEY_SECRET = BOX_KEY_SECRET;

/** A staff PC's id, from its sealing key: the fleet source can tell it from the private key alone. */
export const staffPcIdOf = (boxKey: KeyObject) => `pc-${createHash('sha256').update(Buffer.from(x25519Text(boxKey), 'base64url')).digest('hex').slice(0, 10)}`;

export function boxKeyFromPem(pem: string): StaffPcKeyPair {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'x25519') throw new Error('not an X25519 private key');
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

export interface StaffPcKeys {
  id: string;
  device: FleetKeyPair;
  box: StaffPcKeyPair;
}

/** An X25519 key pair from the secret store, made on first use; the private key never leaves the store. */
async function storedBoxKey(secrets: SecretStore, name: string): Promise<StaffPcKeyPair> {
  const stored = await secrets.get(name);
  if (stored) return boxKeyFromPem(stored);
  const box = newStaffPcKeyPair();
  await secrets.set(name, box.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  return box;
}

/** This PC's keys from its secret store, made on first use. */
export async function staffPcKeys(secrets: SecretStore): Promise<StaffPcKeys> {
  const device = await deviceKey(secrets);
  const box = await storedBoxKey(secrets, BOX_KEY_SECRET);
  return { id: staffPcIdOf(box.publicKey), device, box };
}

/** The publisher's X25519 key: staff PCs seal their audit batches for it (the roster names its public half). */
export const publisherAuditKey = (secrets: SecretStore) => storedBoxKey(secrets, 'fleet.publisherAuditKey');

/** The device key's signature over the sealing key: what the publisher checks before it seals anything for it. */
export const boxKeyProof = (device: FleetKeyPair, boxKeyText: string) =>
  sign(null, Buffer.from(PROOF_CONTEXT + boxKeyText), device.privateKey).toString('base64url');

export function boxKeyProven(devicePublicKey: KeyObject, boxKeyText: string, proof: string): boolean {
  try {
    return verify(null, Buffer.from(PROOF_CONTEXT + boxKeyText), devicePublicKey, Buffer.from(proof, 'base64url'));
  } catch {
    return false;
  }
}
