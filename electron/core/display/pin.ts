import { hashSecret, verifySecret } from '../crypto/scryptHash';

/** `scrypt$N$r$p$salt$hash`, base64: what settings and provisioning files hold instead of the PIN. */
export function hashPin(pin: string): string {
  if (!/^\d{4,12}$/.test(pin)) throw new RangeError('a PIN is 4 to 12 digits');
  return hashSecret(pin);
}

export const verifyPin = verifySecret;

/** After `limit` wrong PINs in a row, no PIN is even checked for `lockMs`. */
export function pinLockout(limit = 5, lockMs = 5 * 60_000, now: () => number = Date.now) {
  let failures = 0;
  let lockedUntil = 0;
  return {
    lockedFor: () => Math.max(0, lockedUntil - now()),
    failed() {
      failures += 1;
      if (failures >= limit) {
        lockedUntil = now() + lockMs;
        failures = 0;
      }
    },
    succeeded() {
      failures = 0;
    },
  };
}
