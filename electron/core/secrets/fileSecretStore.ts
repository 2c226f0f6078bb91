import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStore } from './secretStore';

interface SealedFile {
  version: 1;
  /** name -> base64(iv | tag | ciphertext) */
  secrets: Record<string, string>;
}

/**
 * Secrets for the web host, which has no OS keystore: each value sealed with AES-256-GCM under a key derived (HKDF)
 * from the cache key, in a 0600 file. Whoever can read the key file can read these too, exactly as with the cache.
 */
export function fileSecretStore(file: string, cacheKey: Buffer): SecretStore {
  const key = Buffer.from(hkdfSync('sha256', cacheKey, Buffer.alloc(0), 'gangbord secrets v1', 32));
  const load = (): SealedFile => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SealedFile) : { version: 1, secrets: {} });
  const save = (sealed: SealedFile) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(sealed), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };
  const seal = (name: string, value: string) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // The name is bound in as associated data, so a sealed value cannot be moved to another name.
    cipher.setAAD(Buffer.from(name));
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  };
  const open = (name: string, sealed: string) => {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(name));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  };
  return {
    async get(name) {
      const sealed = load().secrets[name];
      if (sealed === undefined) return null;
      try {
        return open(name, sealed);
      } catch {
        throw new Error(`The stored secret "${name}" cannot be read with this machine's key; set it again.`);
      }
    },
    async set(name, value) {
      const sealed = load();
      sealed.secrets[name] = seal(name, value);
      save(sealed);
    },
    async delete(name) {
      const sealed = load();
      delete sealed.secrets[name];
      save(sealed);
    },
    async names() {
      return Object.keys(load().secrets).sort();
    },
  };
}
