import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// scrypt parameters: a PIN has little entropy, so make each guess costly (~50 ms) on top of the lockout.
const N = 1 << 15;
const R = 8;
const P = 1;
const MAXMEM = 64 * 1024 * 1024;

/** `scrypt$N$r$p$salt$hash`, base64: what settings and provisioning files hold instead of the PIN. */
export function hashPin(pin: string): string {
  if (!/^\d{4,12}$/.test(pin)) throw new RangeError('a PIN is 4 to 12 digits');
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, 32, { N, r: R, p: P, maxmem: MAXMEM });
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifyPin(pin: string, stored: string): boolean {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: MAXMEM });
  return timingSafeEqual(actual, expected);
}

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
