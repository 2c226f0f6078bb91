import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../core/logger';
import { CacheKeyError, KEY_FILES, loadOrCreateCacheKey, type SecretVault, weakStorageVerdict } from './cacheKey';

/**
 * Stands in for the OS keystore behind safeStorage: real encryption with a per-"machine" secret, so a key stored by
 * one vault cannot be read by another, as with DPAPI under another user or a reset keychain.
 */
function testVault(options: { available?: boolean; backend?: string | null; rotate?: boolean } = {}) {
  const secret = randomBytes(32);
  let rotateNext = options.rotate ?? false;
  const vault: SecretVault & { encryptions: number } = {
    encryptions: 0,
    isAvailable: async () => options.available ?? true,
    backend: () => (options.backend === undefined ? null : options.backend),
    async encrypt(plainText) {
      if (!(options.available ?? true)) throw new Error('Encryption is not available.');
      vault.encryptions++;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', secret, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      const plainText = Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
      const shouldReEncrypt = rotateNext;
      rotateNext = false;
      return { plainText, shouldReEncrypt };
    },
  };
  return vault;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gangbord-key-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const load = (vault: SecretVault, more: Partial<Parameters<typeof loadOrCreateCacheKey>[0]> = {}) =>
  loadOrCreateCacheKey({ dir, mode: 'kiosk', vault, log: memoryLogger(), adminAcceptedWeakKeyStorage: false, now: () => Date.parse('2026-11-24T08:00:00Z'), ...more });

describe('loadOrCreateCacheKey', () => {
  it('makes a random 32-byte key once, stores only its ciphertext, and gives the same key back', async () => {
    const vault = testVault({ backend: 'gnome_libsecret' });
    const first = await load(vault);
    expect(first.key).toHaveLength(32);
    expect(first.protection).toBe('os-keystore');
    const stored = readFileSync(join(dir, KEY_FILES.encrypted));
    expect(stored.toString('latin1')).not.toContain(first.key.toString('hex'));
    expect(existsSync(join(dir, KEY_FILES.plain))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, KEY_FILES.meta), 'utf8'))).toMatchObject({ storage: 'safeStorage', backend: 'gnome_libsecret' });
    if (process.platform !== 'win32') expect(statSync(join(dir, KEY_FILES.encrypted)).mode & 0o077).toBe(0);
    expect((await load(vault)).key.equals(first.key)).toBe(true);
  });

  it('refuses, saying what to do, when the Linux keyring backend changed', async () => {
    const vault = testVault({ backend: 'gnome_libsecret' });
    await load(vault);
    const other = testVault({ backend: 'kwallet6' });
    await expect(load(other)).rejects.toMatchObject({ kind: 'backend-changed', message: expect.stringMatching(/"gnome_libsecret" keyring, but this session uses "kwallet6"/) });
    await expect(load(other, { mode: 'staff' })).rejects.toBeInstanceOf(CacheKeyError);
  });

  it('lets a kiosk use basic_text with a diagnostic, since kiosks hold no personal data', async () => {
    const log = memoryLogger();
    const got = await load(testVault({ backend: 'basic_text' }), { log });
    expect(got.protection).toBe('weak');
    expect(got.diagnostic).toMatch(/basic_text/);
    expect(log.lines.some((l) => l.event === 'cache.key.weak-protection')).toBe(true);
  });

  it('refuses basic_text in staff mode unless an administrator accepted it', async () => {
    await expect(load(testVault({ backend: 'basic_text' }), { mode: 'staff' })).rejects.toMatchObject({ kind: 'weak-storage-refused' });
    expect(readdirSync(dir)).toEqual([]);
    const accepted = await load(testVault({ backend: 'basic_text' }), { mode: 'staff', adminAcceptedWeakKeyStorage: true });
    expect(accepted.protection).toBe('weak');
  });

  it('keeps a kiosk key in a 0600 file where there is no keystore at all; staff refuses that too', async () => {
    await expect(load(testVault({ available: false }), { mode: 'staff' })).rejects.toMatchObject({ kind: 'weak-storage-refused' });
    const got = await load(testVault({ available: false }));
    expect(got.protection).toBe('weak');
    expect(readFileSync(join(dir, KEY_FILES.plain), 'utf8')).toBe(got.key.toString('hex'));
    if (process.platform !== 'win32') expect(statSync(join(dir, KEY_FILES.plain)).mode & 0o077).toBe(0);
    expect((await load(testVault({ available: true }))).key.equals(got.key)).toBe(true);
  });

  it('re-encrypts when the OS keystore rotated its key', async () => {
    const vault = testVault({ rotate: true });
    const first = await load(vault);
    const before = readFileSync(join(dir, KEY_FILES.encrypted));
    const again = await load(vault);
    expect(again.key.equals(first.key)).toBe(true);
    expect(vault.encryptions).toBe(2);
    expect(readFileSync(join(dir, KEY_FILES.encrypted)).equals(before)).toBe(false);
    expect((await load(vault)).key.equals(first.key)).toBe(true);
  });

  it('starts a kiosk over with a new key when the stored one cannot be decrypted; a staff PC refuses', async () => {
    const first = await load(testVault());
    await expect(load(testVault(), { mode: 'staff' })).rejects.toMatchObject({ kind: 'unreadable' });
    const log = memoryLogger();
    const fresh = await load(testVault(), { log });
    expect(fresh.key.equals(first.key)).toBe(false);
    expect(readdirSync(dir).some((f) => f.startsWith(`${KEY_FILES.encrypted}.unreadable-`))).toBe(true);
    expect(log.lines.some((l) => l.event === 'cache.key.unreadable')).toBe(true);
  });

  it('refuses a damaged record of how the key is stored', async () => {
    writeFileSync(join(dir, KEY_FILES.meta), '{"storage":"somewhere"}');
    await expect(load(testVault())).rejects.toMatchObject({ kind: 'damaged' });
  });
});

describe('weakStorageVerdict', () => {
  it('only a staff PC without an administrator\'s acceptance is refused', () => {
    expect(weakStorageVerdict('kiosk', false, false)).toBe('allow');
    expect(weakStorageVerdict('staff', false, false)).toBe('allow');
    expect(weakStorageVerdict('kiosk', true, false)).toBe('allow-with-diagnostic');
    expect(weakStorageVerdict('staff', true, true)).toBe('allow-with-diagnostic');
    expect(weakStorageVerdict('staff', true, false)).toBe('refuse');
  });
});
