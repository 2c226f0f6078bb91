import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStore } from './secretStore';

/** What the OS keystore offers (Electron's safeStorage in main), in the shape this store needs. */
export interface StringVault {
  encrypt(plainText: string): Promise<Buffer>;
  decrypt(encrypted: Buffer): Promise<{ plainText: string }>;
}

/** Secrets sealed one by one by the OS keystore, in a 0600 file of names and ciphertexts. */
export function vaultSecretStore(file: string, vault: StringVault): SecretStore {
  const load = (): Record<string, string> => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {});
  const save = (all: Record<string, string>) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(all), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };
  return {
    async get(name) {
      const sealed = load()[name];
      return sealed === undefined ? null : (await vault.decrypt(Buffer.from(sealed, 'base64'))).plainText;
    },
    async set(name, value) {
      const all = load();
      all[name] = (await vault.encrypt(value)).toString('base64');
      save(all);
    },
    async delete(name) {
      const all = load();
      delete all[name];
      save(all);
    },
    names: async () => Object.keys(load()).sort(),
  };
}
