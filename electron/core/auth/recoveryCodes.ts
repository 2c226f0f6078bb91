import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** How many codes an administrator gets at a time; each works once. */
export const RECOVERY_CODE_COUNT = 10;
// No 0/O or 1/I/L: read off paper and typed by hand.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A fresh code, as shown: two groups of five, e.g. "K7QMX-3HRTP" (about 49 bits). */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]!);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** What is typed, whatever the case, spaces or dash, in the form that is hashed. */
export const normaliseRecoveryCode = (typed: string): string => typed.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * At rest a code is its SHA-256 only. Codes are random and long enough that a slow hash adds nothing; the
 * records file is encrypted besides.
 */
export const hashRecoveryCode = (code: string): string => createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');

/** New codes and the stored form (a JSON array of hashes). */
export function newRecoveryCodes(): { codes: string[]; stored: string } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  return { codes, stored: JSON.stringify(codes.map(hashRecoveryCode)) };
}

/** The stored list with `typed` used up, or null when it is not one of them. Compared in constant time. */
export function useRecoveryCode(stored: string | null, typed: string): { stored: string; left: number } | null {
  if (stored === null) return null;
  const hashes = JSON.parse(stored) as string[];
  const wanted = Buffer.from(hashRecoveryCode(typed), 'hex');
  let found = -1;
  hashes.forEach((h, i) => {
    if (timingSafeEqual(Buffer.from(h, 'hex'), wanted)) found = i;
  });
  if (found < 0) return null;
  const left = hashes.filter((_, i) => i !== found);
  return { stored: JSON.stringify(left), left: left.length };
}
