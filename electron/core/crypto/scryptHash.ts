import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

// Costly on purpose (~50-100 ms a guess): PINs and passwords are short; lockouts stop the rest.
const N = 1 << 15;
const R = 8;
const P = 1;
const MAXMEM = 64 * 1024 * 1024;

/** `scrypt$N$r$p$salt$hash` (base64): what is stored instead of a PIN or password. */
export function hashSecret(secret: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(secret, salt, 32, { N, r: R, p: P, maxmem: MAXMEM });
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

/**
 * For secrets Gangbord made itself from 80 random bits (an imported account's first password): guessing one is out of
 * reach at any cost, so a cheap scrypt does, and it runs in libuv's threads, so importing 300 accounts never holds the
 * event loop. `verifySecret` reads the cost from what is stored.
 */
export async function hashRandomSecret(secret: string): Promise<string> {
  const n = 1 << 12;
  const salt = randomBytes(16);
  const hash = await new Promise<Buffer>((resolve, reject) =>
    scrypt(secret, salt, 32, { N: n, r: R, p: P, maxmem: MAXMEM }, (e, key) => (e ? reject(e) : resolve(key))));
  return ['scrypt', n, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifySecret(secret: string, stored: string): boolean {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(secret, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: MAXMEM });
  return timingSafeEqual(actual, expected);
}

/** Spends the same time as a real check, so a missing account answers as slowly as a wrong password. */
const DUMMY = hashSecret('gangbord timing decoy');
export function burnVerify(secret: string): false {
  verifySecret(secret, DUMMY);
  return false;
}
