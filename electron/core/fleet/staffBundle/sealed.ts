import {
  createCipheriv, createDecipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, type KeyObject, randomBytes,
} from 'node:crypto';
import { z } from 'zod';

/*
 * Sealed for named recipients (docs/fleet.md, "Staff bundles"): the body is encrypted once with a fresh content key
 * (AES-256-GCM), and that key is wrapped for each recipient with a key agreed by X25519 between a fresh ephemeral key
 * of this bundle and the recipient's public key, through HKDF-SHA-256 bound to the bundle's salt and the recipient's
 * id. Only a listed recipient can unwrap the content key; a staff PC revoked before the bundle was made is simply not
 * listed, and a kiosk has no X25519 key at all. The sealed bytes then travel inside a signed envelope like any other.
 *
 * On the wire: one line of JSON (the salt, the ephemeral key, each recipient's wrapped key, the content's iv and tag),
 * a newline, then the ciphertext as raw bytes: a bundle with 3,000 photos is tens of megabytes, and base64 inside
 * JSON would add a third to every byte of it.
 */

const INFO = 'gangbord staff bundle v1';

const b64 = z.string().regex(/^[A-Za-z0-9_-]*$/);
const SealedHeader = z.object({
  v: z.literal(1),
  salt: b64,
  ephemeral: b64,
  recipients: z.array(z.object({ id: z.string().min(1).max(80), iv: b64, wrapped: b64, tag: b64 }).strict()).max(1000),
  iv: b64,
  tag: b64,
}).strict();
type SealedHeader = z.infer<typeof SealedHeader>;

/** The ids a sealed body is readable by, without opening it (for the publisher's log and the tests). */
export function recipientsOf(sealed: Buffer): string[] {
  return unpack(sealed)?.header.recipients.map((r) => r.id) ?? [];
}

function unpack(sealed: Buffer): { header: SealedHeader; ciphertext: Buffer } | null {
  const newline = sealed.indexOf(0x0a);
  if (newline < 0 || newline > 200_000) return null;
  try {
    const header = SealedHeader.safeParse(JSON.parse(sealed.subarray(0, newline).toString('utf8')));
    return header.success ? { header: header.data, ciphertext: sealed.subarray(newline + 1) } : null;
  } catch {
    return null;
  }
}

export interface StaffPcKeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

export const newStaffPcKeyPair = (): StaffPcKeyPair => generateKeyPairSync('x25519');

/** The raw X25519 public key, base64url: what a staff PC's enrolment carries and the roster lists. */
export const x25519Text = (key: KeyObject): string => key.export({ format: 'jwk' }).x!;
export const x25519FromText = (text: string): KeyObject => {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) throw new Error('an X25519 public key is 43 characters of base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: text }, format: 'jwk' });
};

function wrapKey(shared: Buffer, salt: Buffer, recipientId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, salt, `${INFO}\u0000${recipientId}`, 32));
}

function gcm(key: Buffer, iv: Buffer, plain: Buffer, aad: Buffer) {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

function ungcm(key: Buffer, iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/** Encrypts `body` so that each of `recipients` (id and X25519 public key), and no one else, can read it. */
export function seal(body: Buffer, recipients: readonly { id: string; publicKey: KeyObject }[]): Buffer {
  const salt = randomBytes(32);
  const ephemeral = generateKeyPairSync('x25519');
  const contentKey = randomBytes(32);
  const iv = randomBytes(12);
  const aad = Buffer.from(`${INFO}\u0000${salt.toString('base64url')}`);
  const content = gcm(contentKey, iv, body, aad);
  const wrapped = recipients.map(({ id, publicKey }) => {
    const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey });
    const keyIv = randomBytes(12);
    const w = gcm(wrapKey(shared, salt, id), keyIv, contentKey, Buffer.from(id));
    return { id, iv: keyIv.toString('base64url'), wrapped: w.ciphertext.toString('base64url'), tag: w.tag.toString('base64url') };
  });
  contentKey.fill(0);
  const header: SealedHeader = {
    v: 1, salt: salt.toString('base64url'), ephemeral: x25519Text(ephemeral.publicKey), recipients: wrapped,
    iv: iv.toString('base64url'), tag: content.tag.toString('base64url'),
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), content.ciphertext]);
}

export type OpenOutcome = { ok: true; body: Buffer } | { ok: false; reason: 'not-a-recipient' | 'damaged' };

/** Opens a sealed body as recipient `id` with its private key: the body, or why not (never a partial body). */
export function open(bytes: Buffer, id: string, privateKey: KeyObject): OpenOutcome {
  const unpacked = unpack(bytes);
  if (!unpacked) return { ok: false, reason: 'damaged' };
  const { header: sealed, ciphertext } = unpacked;
  const mine = sealed.recipients.find((r) => r.id === id);
  if (!mine) return { ok: false, reason: 'not-a-recipient' };
  const salt = Buffer.from(sealed.salt, 'base64url');
  let contentKey: Buffer;
  try {
    const shared = diffieHellman({ privateKey, publicKey: x25519FromText(sealed.ephemeral) });
    contentKey = ungcm(wrapKey(shared, salt, id), Buffer.from(mine.iv, 'base64url'), Buffer.from(mine.wrapped, 'base64url'), Buffer.from(mine.tag, 'base64url'), Buffer.from(id));
  } catch {
    // A key that is not the one this bundle was sealed for (a reinstalled PC) reads the same as a changed byte.
    return { ok: false, reason: 'not-a-recipient' };
  }
  try {
    const aad = Buffer.from(`${INFO}\u0000${sealed.salt}`);
    return { ok: true, body: ungcm(contentKey, Buffer.from(sealed.iv, 'base64url'), ciphertext, Buffer.from(sealed.tag, 'base64url'), aad) };
  } catch {
    return { ok: false, reason: 'damaged' };
  } finally {
    contentKey.fill(0);
  }
}
