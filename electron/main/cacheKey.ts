import type { Settings } from '@shared/settings';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppMode } from '@shared/contract';
import { loadOrCreateKeyFile } from '../core/db/keyFile';
import type { Logger } from '../core/logger';

// The cache database key, kept the way Signal Desktop keeps its SQLCipher key: 32 random bytes, stored encrypted
// by the OS keystore (Electron's safeStorage), with the Linux keyring backend recorded so that a change of backend
// is detected, not guessed. No Electron import: safeStorageVault.ts passes safeStorage in as a SecretVault, and the
// rules here are unit-tested under Node with an in-memory vault.

/** What safeStorage offers, in the shape this file needs. */
export interface SecretVault {
  /** Whether the OS can encrypt for us at all. */
  isAvailable(): Promise<boolean>;
  /**
   * Linux only: the keyring safeStorage chose (`gnome_libsecret`, `kwallet6`, ...). `basic_text` means no keyring
   * was found and a hardcoded password is used, which protects nothing. null on macOS and Windows.
   */
  backend(): string | null;
  encrypt(plainText: string): Promise<Buffer>;
  /** `shouldReEncrypt`: the OS rotated its key; store a fresh ciphertext. */
  decrypt(encrypted: Buffer): Promise<{ plainText: string; shouldReEncrypt: boolean }>;
}

export const KEY_FILES = {
  /** The key, encrypted by safeStorage. */
  encrypted: 'cache.key.enc',
  /** How the key is stored and, on Linux, with which keyring backend. */
  meta: 'cache.key.json',
  /** Only where the OS cannot encrypt at all (kiosks, or a staff PC an administrator accepted): hex, mode 0600. */
  plain: 'cache.key',
} as const;

interface KeyMeta {
  storage: 'safeStorage' | 'file';
  backend: string | null;
  createdAt: string;
}

export type CacheKeyErrorKind = 'backend-changed' | 'weak-storage-refused' | 'unreadable' | 'damaged';

export class CacheKeyError extends Error {
  override name = 'CacheKeyError';
  constructor(readonly kind: CacheKeyErrorKind, message: string) {
    super(message);
  }
}

export interface CacheKey {
  /** 32 bytes. The caller hands it to the core and wipes it. */
  key: Buffer;
  /** `weak`: the key sits on disk without OS protection (no keystore, or Linux `basic_text`). */
  protection: 'os-keystore' | 'weak';
  /** A sentence for diagnostics when protection is weak. */
  diagnostic: string | null;
}

export interface CacheKeyOptions {
  dir: string;
  mode: AppMode;
  vault: SecretVault;
  log: Logger;
  /**
   * From settings: an administrator accepted that this staff PC keeps its cache key without OS protection.
   * Kiosks need no such acceptance: they hold no personal data.
   */
  adminAcceptedWeakKeyStorage: boolean;
  now?: () => number;
}

export type WeakStorageVerdict = 'allow' | 'allow-with-diagnostic' | 'refuse';

/** Kiosks hold no personal data, so a weakly stored key is a note in the log; a staff PC needs an administrator's yes. */
export function weakStorageVerdict(mode: AppMode, weak: boolean, adminAccepted: boolean): WeakStorageVerdict {
  if (!weak) return 'allow';
  if (mode === 'kiosk' || adminAccepted) return 'allow-with-diagnostic';
  return 'refuse';
}

const HEX_KEY = /^[0-9a-f]{64}$/;

function weakReason(meta: Pick<KeyMeta, 'storage' | 'backend'>): string {
  return meta.storage === 'file'
    ? 'this machine offers no OS keystore, so the cache key is kept in a file only its user can read'
    : 'no keyring was found (safeStorage backend "basic_text"), so the cache key is encrypted with a password built into Electron';
}

function writeAtomic(file: string, data: string | Buffer): void {
  writeFileSync(`${file}.tmp`, data, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

function readMeta(file: string): KeyMeta | null {
  if (!existsSync(file)) return null;
  try {
    const meta = JSON.parse(readFileSync(file, 'utf8')) as Partial<KeyMeta>;
    if ((meta.storage === 'safeStorage' || meta.storage === 'file') && (typeof meta.backend === 'string' || meta.backend === null)) {
      return { storage: meta.storage, backend: meta.backend, createdAt: String(meta.createdAt ?? '') };
    }
  } catch {
    // falls through to the error below
  }
  throw new CacheKeyError('damaged', `${file} is damaged. Remove it together with ${KEY_FILES.encrypted} and cache.db to start over with an empty cache; it fills again at the next sync.`);
}

/**
 * Loads the cache key, or makes one on first start. Refuses, with a sentence saying what to do, when the Linux
 * keyring backend changed since the key was stored, or when a staff PC would keep its key without OS protection
 * and no administrator accepted that. A kiosk whose stored key can no longer be decrypted starts over with a new
 * key (its cache is moved aside and re-synced: it holds nothing that cannot be fetched again); a staff PC refuses.
 */
export async function loadOrCreateCacheKey(options: CacheKeyOptions): Promise<CacheKey> {
  const { dir, vault, log } = options;
  const now = options.now ?? Date.now;
  const files = { encrypted: join(dir, KEY_FILES.encrypted), meta: join(dir, KEY_FILES.meta), plain: join(dir, KEY_FILES.plain) };
  mkdirSync(dir, { recursive: true });

  const available = await vault.isAvailable();
  const backend = vault.backend();
  let meta = readMeta(files.meta);
  // Written by an earlier start that stopped between the two writes: the ciphertext is the key, so keep it.
  if (!meta && existsSync(files.encrypted)) meta = { storage: 'safeStorage', backend, createdAt: '' };

  if (meta?.storage === 'safeStorage' && meta.backend !== backend) {
    throw new CacheKeyError('backend-changed', `The cache key was stored with the "${meta.backend}" keyring, but this session uses "${backend}" `
      + '(a different desktop session, or a keyring that is not running). Start Gangbord in the usual session; or, to start over, remove '
      + `${KEY_FILES.encrypted}, ${KEY_FILES.meta} and cache.db from ${dir}: the cache fills again at the next sync.`);
  }

  const storage: KeyMeta['storage'] = meta?.storage ?? (available ? 'safeStorage' : 'file');
  const weak = storage === 'file' || (meta?.backend ?? backend) === 'basic_text';
  const reason = weak ? weakReason({ storage, backend: meta?.backend ?? backend }) : null;
  const verdict = weakStorageVerdict(options.mode, weak, options.adminAcceptedWeakKeyStorage);
  if (verdict === 'refuse') {
    throw new CacheKeyError('weak-storage-refused', `Staff mode keeps personal data, and ${reason}. Set up a keyring for this user (GNOME Keyring or KWallet), `
      + 'or have an administrator accept unprotected key storage for this PC in the settings.');
  }
  const result = (key: Buffer): CacheKey => {
    if (reason) log.warn('cache.key.weak-protection', { mode: options.mode, storage, backend: meta?.backend ?? backend, reason });
    return { key, protection: weak ? 'weak' : 'os-keystore', diagnostic: reason && `The cache key is weakly protected: ${reason}.` };
  };

  if (storage === 'file') {
    if (!meta) writeAtomic(files.meta, JSON.stringify({ storage, backend, createdAt: new Date(now()).toISOString() } satisfies KeyMeta));
    return result(loadOrCreateKeyFile(files.plain));
  }

  if (meta) {
    try {
      const { plainText, shouldReEncrypt } = await vault.decrypt(readFileSync(files.encrypted));
      // The hex string cannot be wiped; it lives only until the next collection. The Buffer is what the caller wipes.
      if (!HEX_KEY.test(plainText)) throw new Error('the decrypted key is not 64 hex digits');
      if (shouldReEncrypt) {
        writeAtomic(files.encrypted, await vault.encrypt(plainText));
        log.info('cache.key.re-encrypted', { reason: 'the OS keystore rotated its key' });
      }
      if (!existsSync(files.meta)) writeAtomic(files.meta, JSON.stringify(meta));
      return result(Buffer.from(plainText, 'hex'));
    } catch (error) {
      if (options.mode !== 'kiosk') {
        throw new CacheKeyError('unreadable', `The cache key in ${files.encrypted} cannot be decrypted (${(error as Error).message}). `
          + 'Was this profile copied from another user or machine? If the keyring is locked, unlock it and start again; '
          + `to start over, remove ${KEY_FILES.encrypted}, ${KEY_FILES.meta} and cache.db from ${dir}.`);
      }
      const movedTo = `${files.encrypted}.unreadable-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
      if (existsSync(files.encrypted)) renameSync(files.encrypted, movedTo);
      log.warn('cache.key.unreadable', { error, movedTo, action: 'new key; the cache is rebuilt by the next sync' });
    }
  }

  if (!available) {
    // Only reachable by a kiosk whose keystore went away (a staff PC refused above): a plain key file will do.
    writeAtomic(files.meta, JSON.stringify({ storage: 'file', backend, createdAt: new Date(now()).toISOString() } satisfies KeyMeta));
    log.warn('cache.key.weak-protection', { mode: options.mode, storage: 'file', reason: weakReason({ storage: 'file', backend }) });
    return { key: loadOrCreateKeyFile(files.plain), protection: 'weak', diagnostic: `The cache key is weakly protected: ${weakReason({ storage: 'file', backend })}.` };
  }
  const key = randomBytes(32);
  writeAtomic(files.encrypted, await vault.encrypt(key.toString('hex')));
  writeAtomic(files.meta, JSON.stringify({ storage: 'safeStorage', backend, createdAt: new Date(now()).toISOString() } satisfies KeyMeta));
  log.info('cache.key.created', { storage: 'safeStorage', backend });
  return result(key);
}

/** Whether an administrator accepted weak key storage on this staff PC (settings.security.acceptWeakKeyStorage). */
export function adminAcceptedWeakKeyStorage(settings: Settings): boolean {
  return settings.security.acceptWeakKeyStorage;
}
