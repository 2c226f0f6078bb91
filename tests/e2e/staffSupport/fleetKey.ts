import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { loadOrCreateKeyFile } from '../../../electron/core/db/keyFile';
import { publisherKey } from '../../../electron/core/fleet/storedKeys';
import { fileSecretStore } from '../../../electron/core/secrets/fileSecretStore';

/**
 * The publisher's public key of a staff host, from its data folder: what whoever mounts a screen pins (they read it
 * off the Screens page as a fingerprint; the test takes the key itself).
 */
export async function ownKeyOf(dataDir: string): Promise<KeyObject> {
  const store = fileSecretStore(join(dataDir, 'secrets.json'), loadOrCreateKeyFile(join(dataDir, 'cache.key')));
  return (await publisherKey(store)).publicKey;
}
