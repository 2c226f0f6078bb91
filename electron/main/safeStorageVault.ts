import { safeStorage } from 'electron';
import type { SecretVault } from './cacheKey';

/**
 * Electron's safeStorage as the SecretVault cacheKey.ts uses. Call after `app` is ready: before that, Linux reports
 * the backend as "unknown" and encryption as unavailable.
 *
 * The asynchronous API: Electron 45 deprecates the synchronous one (removed in 46), and the async one supports key
 * rotation (`shouldReEncrypt`). Data encrypted by either decrypts with `decryptStringAsync`.
 *
 * Per platform (https://www.electronjs.org/docs/latest/api/safe-storage): macOS Keychain protects from other users
 * and other apps; Windows DPAPI protects from other users only, not from other apps of the same user (on a shared
 * staff-room account it separates no one: staff sign-in has to gate personal data); Linux uses the desktop's
 * keyring, or `basic_text`, a hardcoded password, when none is found.
 */
export const safeStorageVault: SecretVault = {
  isAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
  // getSelectedStorageBackend is Linux-only; elsewhere there is no backend to record or to see change.
  backend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null),
  encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
  async decrypt(encrypted) {
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(encrypted);
    return { plainText: result, shouldReEncrypt };
  },
};
