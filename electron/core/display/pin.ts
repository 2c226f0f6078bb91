import { hashSecret, verifySecret } from '../crypto/scryptHash';

/** `scrypt$N$r$p$salt$hash`, base64: what settings and provisioning files hold instead of the PIN. */
export function hashPin(pin: string): string {
  if (!/^\d{4,12}$/.test(pin)) throw new RangeError('a PIN is 4 to 12 digits');
  return hashSecret(pin);
}

export const verifyPin = verifySecret;
