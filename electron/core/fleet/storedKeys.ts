import type { SecretStore } from '../secrets/secretStore';
import { type FleetKeyPair, keyPairFromPem, newKeyPair, privateKeyPem } from './keys';

/** A machine's own signing key, from its secret store (made on first use); never a plain file. */
async function storedKeyPair(secrets: SecretStore, name: string): Promise<FleetKeyPair> {
  const stored = await secrets.get(name);
  if (stored) return keyPairFromPem(stored);
  const pair = newKeyPair();
  await secrets.set(name, privateKeyPem(pair));
  return pair;
}

/** The publisher's key: it signs bundles, rosters and its alerts. */
export const publisherKey = (secrets: SecretStore) => storedKeyPair(secrets, 'fleet.publisherKey');

/** A screen's own key: it signs the screen's status and acknowledgements. */
export const deviceKey = (secrets: SecretStore) => storedKeyPair(secrets, 'fleet.deviceKey');

/** An alert sender's key (a staff PC at reception, say): it signs that PC's alerts; the roster lists it. */
export const senderKey = (secrets: SecretStore) => storedKeyPair(secrets, 'fleet.senderKey');
