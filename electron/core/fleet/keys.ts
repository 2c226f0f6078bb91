import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/*
 * Fleet keys (docs/fleet.md): Ed25519 from node:crypto. The publisher, every alert sender and every screen has its
 * own pair; the private key never leaves the machine that made it (kept in its secret store), the public key is
 * passed on as raw bytes in base64url and named by its key id.
 */

export interface FleetKeyPair {
  keyId: string;
  publicKey: KeyObject;
  privateKey: KeyObject;
}

/** The raw 32-byte Ed25519 public key, base64url: what a roster lists and an enrolment request carries. */
export function publicKeyText(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 public key');
  return jwk.x;
}

export function publicKeyFromText(text: string): KeyObject {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) throw new Error('an Ed25519 public key is 43 characters of base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: text }, format: 'jwk' });
}

/** SHA-256 of the raw public key, hex: the whole of it is the fingerprint a person compares, its start the key id. */
export function fingerprintOf(key: KeyObject): string {
  return createHash('sha256').update(Buffer.from(publicKeyText(key), 'base64url')).digest('hex');
}

/** 16 hex characters (64 bits) of the fingerprint: enough to tell a school's keys apart, short enough for a header. */
export const keyIdOf = (key: KeyObject) => fingerprintOf(key).slice(0, 16);

/** The fingerprint as people read it aloud and compare it: eight groups of four, upper case ("3F2A 91C0 ..."). */
export function spokenFingerprint(key: KeyObject): string {
  return fingerprintOf(key).slice(0, 32).toUpperCase().match(/.{4}/g)!.join(' ');
}

export function newKeyPair(): FleetKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { keyId: keyIdOf(publicKey), publicKey, privateKey };
}

/** The private key as PKCS#8 PEM, for the machine's secret store only (never a plain file, never a log). */
export const privateKeyPem = (pair: FleetKeyPair) => pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

export function keyPairFromPem(pem: string): FleetKeyPair {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 private key');
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), publicKey, privateKey };
}
