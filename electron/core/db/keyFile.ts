import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The web host's cache key: 32 random bytes in a file only its owner may read (0600). Electron keeps the key
 * encrypted with safeStorage instead; this file exists because the web host has no OS keystore to ask.
 */
export function loadOrCreateKeyFile(file: string): Buffer {
  if (existsSync(file)) {
    const mode = statSync(file).mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) chmodSync(file, 0o600);
    const hex = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`The key file ${file} is damaged (expected 64 hex digits). Remove it to start over with an empty cache.`);
    return Buffer.from(hex, 'hex');
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return key;
}
