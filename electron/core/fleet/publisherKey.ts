import type { SecretStore } from '../secrets/secretStore';
import { type FleetKeyPair, keyPairFromPem, newKeyPair, privateKeyPem } from './keys';

const KEY_SECRET = 'fleet.publisherKey';

/** The publisher's signing key, from this machine's secret store (made on first use); never a plain file. */
export async function publisherKey(secrets: SecretStore): Promise<FleetKeyPair> {
  const stored = await secrets.get(KEY_SECRET);
  if (stored) return keyPairFromPem(stored);
  const pair = newKeyPair();
  await secrets.set(KEY_SECRET, privateKeyPem(pair));
  return pair;
}
