import { sign, verify } from 'node:crypto';
import { z } from 'zod';
import type { FleetMqttConfig } from '@shared/settings';
import type { Logger } from '../../logger';
import type { SecretStore } from '../../secrets/secretStore';
import { writeAtomically } from '../fleetFolder';
import { type FleetKeyPair, keyIdOf, type publicKeyFromText, publicKeyText } from '../keys';
import type { FleetStore } from '../store/fleetStore';
import { folderStore } from '../store/folderStore';
import { openFleetStore } from '../store/openFleetStore';
import { brokerPasswordHash, brokerToken } from './brokerCredentials';
import { PASSWORD_HASH } from './mosquittoConfig';

/*
 * An alert sender on the broker (docs/fleet-mqtt.md, "Alert senders"): a reception PC with a broker in its settings
 * offers its broker password hash in the folder, signed with its sender key, at senders/<key id>/broker.json. When the
 * publisher's administrator adds the sender by its public key, the offer is checked with that key and its hash goes
 * into the roster beside it, so the broker lets the sender write its own alert topic (and read the acknowledgements).
 */

const Offer = z.object({
  school: z.string().max(80),
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  broker: z.string().regex(PASSWORD_HASH),
  signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
}).strict();

const signed = (school: string, hash: string) => Buffer.from(`gangbord broker offer\n${school}\n${hash}`);
export const senderUsername = (keyId: string) => `sender-${keyId}`;
const offerFile = (keyId: string) => `senders/${keyId}/broker.json`;

/** The sender's side: its offer in the folder (written again at each start, a new salt, the same token). */
export async function offerSenderBroker(o: { folder: string; school: string; key: FleetKeyPair; secrets: SecretStore }): Promise<void> {
  const hash = brokerPasswordHash(await brokerToken(o.secrets));
  const offer = { school: o.school, publicKey: publicKeyText(o.key.publicKey), broker: hash, signature: sign(null, signed(o.school, hash), o.key.privateKey).toString('base64url') };
  await writeAtomically(`${o.folder}/${offerFile(o.key.keyId)}`, Buffer.from(JSON.stringify(offer, null, 2)));
}

/** The publisher's side: the hash a sender offered, if its own key signed it for this school; null otherwise. */
export async function senderBrokerHash(folder: string, school: string, publicKey: ReturnType<typeof publicKeyFromText>): Promise<string | null> {
  const bytes = await folderStore(folder).read(offerFile(keyIdOf(publicKey))).catch(() => null);
  let parsed;
  try {
    parsed = bytes ? Offer.safeParse(JSON.parse(bytes.toString('utf8'))) : null;
  } catch {
    return null;
  }
  if (!parsed?.success || parsed.data.school !== school || parsed.data.publicKey !== publicKeyText(publicKey)) return null;
  return verify(null, signed(school, parsed.data.broker), publicKey, Buffer.from(parsed.data.signature, 'base64url')) ? parsed.data.broker : null;
}

/** The sender PC's store: the broker for its alert and the acknowledgements, the folder as the fallback. */
export interface SenderStoreOptions {
  folder: string;
  school: string;
  mqtt: FleetMqttConfig;
  key: FleetKeyPair;
  secrets: SecretStore;
  log: Logger;
}

export async function openSenderStore(o: SenderStoreOptions): Promise<FleetStore> {
  await offerSenderBroker(o).catch((error: Error) => o.log.warn('fleet.sender-offer-unwritable', { reason: error.message }));
  return openFleetStore({
    folder: o.folder, school: o.school, mqtt: o.mqtt, role: { role: 'sender', keyId: o.key.keyId }, username: senderUsername(o.key.keyId), secrets: o.secrets, log: o.log,
  });
}
