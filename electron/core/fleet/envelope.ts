import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { FleetKeyPair } from './keys';

/*
 * A signed envelope (docs/fleet.md): every bundle, alert, roster, status and acknowledgement that crosses the fleet
 * folder is one file of exact bytes:
 *
 *   GANGBORD-ENVELOPE 1 <Ed25519 signature of the header line, base64url>\n
 *   <header: one line of JSON>\n
 *   <body: the exact bytes>
 *
 * The header names the kind, the school, a sequence number, when it was issued and until when it holds, the key that
 * signed it and the SHA-256 of the body. The signature covers the header line's bytes, and so, through the hash, the
 * body. One file, written by rename, so a reader never sees a header of one version with the body of another.
 */

const MAGIC = 'GANGBORD-ENVELOPE 1';

export const ENVELOPE_KINDS = ['bundle', 'roster', 'alert', 'status', 'ack', 'command', 'thumbnail', 'staff', 'audit', 'accounts'] as const;
export type EnvelopeKind = (typeof ENVELOPE_KINDS)[number];

export const EnvelopeHeader = z.object({
  kind: z.enum(ENVELOPE_KINDS),
  school: z.string().min(1).max(80),
  /** Strictly increasing per signer and kind: a reader applies nothing at or below the last it applied. */
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  issuedAt: z.number().int().min(0),
  notAfter: z.number().int().min(0),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The body's own format (e.g. "application/json"), for a reader's sanity; never trusted over `kind`. */
  type: z.string().min(1).max(60),
}).strict();
export type EnvelopeHeader = z.infer<typeof EnvelopeHeader>;

/** Why an envelope was refused: each is shown in the screen's health and changes nothing it shows. */
export type Refusal =
  | 'malformed' | 'unknown-key' | 'revoked-key' | 'key-not-allowed' | 'bad-signature' | 'body-changed'
  | 'wrong-kind' | 'other-school' | 'expired' | 'from-the-future' | 'replayed';

export interface TrustedKey {
  publicKey: KeyObject;
  /** What this key may sign: the publisher bundles, rosters and commands; a sender alerts; a screen its status. */
  kinds: readonly EnvelopeKind[];
  /**
   * Envelopes it signed before this are not believed: an alert a sender sent while it was not yet listed (and that
   * screens refused) does not appear on every screen the moment the administrator adds it.
   */
  since?: number;
}

export interface Trust {
  school: string;
  keys: ReadonlyMap<string, TrustedKey>;
  revoked: ReadonlySet<string>;
}

export interface SealInput {
  kind: EnvelopeKind;
  school: string;
  seq: number;
  issuedAt: number;
  notAfter: number;
  type?: string;
  body: Uint8Array;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function sealEnvelope(input: SealInput, signer: FleetKeyPair): Buffer {
  const header: EnvelopeHeader = EnvelopeHeader.parse({
    kind: input.kind, school: input.school, seq: input.seq, issuedAt: input.issuedAt, notAfter: input.notAfter,
    keyId: signer.keyId, sha256: sha256(input.body), type: input.type ?? 'application/json',
  });
  const line = Buffer.from(JSON.stringify(header), 'utf8');
  const signature = sign(null, line, signer.privateKey).toString('base64url');
  return Buffer.concat([Buffer.from(`${MAGIC} ${signature}\n`, 'utf8'), line, Buffer.from('\n'), input.body]);
}

export interface OpenOptions {
  trust: Trust;
  kind: EnvelopeKind;
  now: number;
  /** The highest sequence number applied so far from this envelope's stream (signer and kind), if any. */
  lastSeq?: number;
  /** How far a signer's clock may run ahead of the reader's before "issued at" counts as the future. */
  skewMs?: number;
}

export type Opened = { ok: true; header: EnvelopeHeader; body: Buffer } | { ok: false; refusal: Refusal; detail: string };

const refuse = (refusal: Refusal, detail: string): Opened => ({ ok: false, refusal, detail });

/** Splits the file into its three parts without trusting any of them. */
function parts(bytes: Buffer): { signature: Buffer; line: Buffer; body: Buffer } | null {
  const first = bytes.indexOf(0x0a);
  if (first < 0) return null;
  const second = bytes.indexOf(0x0a, first + 1);
  if (second < 0) return null;
  const start = bytes.subarray(0, first).toString('utf8');
  if (!start.startsWith(`${MAGIC} `)) return null;
  const signature = start.slice(MAGIC.length + 1);
  if (!/^[A-Za-z0-9_-]{86}$/.test(signature)) return null;
  return { signature: Buffer.from(signature, 'base64url'), line: bytes.subarray(first + 1, second), body: bytes.subarray(second + 1) };
}

/**
 * Opens an envelope only if everything about it holds: well formed, signed by a known key that is not revoked and
 * may sign this kind, the signature and the body's hash right, for this school, issued not in the future, not
 * expired, and newer than the last one applied. Anything else is a refusal with its reason; nothing is partly trusted.
 */
export function openEnvelope(bytes: Buffer, options: OpenOptions): Opened {
  const split = parts(bytes);
  if (!split) return refuse('malformed', 'not a Gangbord envelope');
  let header: EnvelopeHeader;
  try {
    header = EnvelopeHeader.parse(JSON.parse(split.line.toString('utf8')));
  } catch {
    return refuse('malformed', 'the header is not valid');
  }
  const { trust } = options;
  if (trust.revoked.has(header.keyId)) return refuse('revoked-key', `key ${header.keyId} has been revoked`);
  const key = trust.keys.get(header.keyId);
  if (!key) return refuse('unknown-key', `key ${header.keyId} is not in the roster`);
  if (!verify(null, split.line, key.publicKey, split.signature)) return refuse('bad-signature', 'the signature does not match the header');
  // Only now, signed, do the header's fields mean anything.
  if (!key.kinds.includes(header.kind)) return refuse('key-not-allowed', `key ${header.keyId} may not sign ${header.kind}`);
  if (key.since !== undefined && header.issuedAt < key.since) return refuse('key-not-allowed', `signed before key ${header.keyId} was listed`);
  if (sha256(split.body) !== header.sha256) return refuse('body-changed', 'the body is not the one that was signed');
  if (header.kind !== options.kind) return refuse('wrong-kind', `expected ${options.kind}, found ${header.kind}`);
  if (header.school !== trust.school) return refuse('other-school', `meant for school ${header.school}`);
  if (header.issuedAt > options.now + (options.skewMs ?? 120_000)) return refuse('from-the-future', 'issued after now');
  if (header.notAfter <= options.now) return refuse('expired', `expired at ${new Date(header.notAfter).toISOString()}`);
  if (options.lastSeq !== undefined && header.seq <= options.lastSeq) {
    return refuse('replayed', `sequence ${header.seq} is not after ${options.lastSeq}, already applied`);
  }
  return { ok: true, header, body: split.body };
}

/**
 * The header of an envelope `key` signed, whatever its time or number, or null: for a signer picking up its own
 * numbering from the folder after a restart (its clock may have gone back since).
 */
export function ownHeader(bytes: Buffer, key: KeyObject): EnvelopeHeader | null {
  const split = parts(bytes);
  if (!split || !verify(null, split.line, key, split.signature)) return null;
  const header = EnvelopeHeader.safeParse(bodyJson(split.line));
  return header.success ? header.data : null;
}

/** A signed body's JSON, or undefined when it is none: signed is not the same as well formed. */
export function bodyJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
