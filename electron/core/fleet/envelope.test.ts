import { describe, expect, it } from 'vitest';
import { openEnvelope, sealEnvelope, type EnvelopeKind, type Trust } from './envelope';
import { type FleetKeyPair, keyPairFromPem, newKeyPair, privateKeyPem, publicKeyFromText, publicKeyText, spokenFingerprint } from './keys';

const NOW = Date.parse('2026-11-24T09:00:00Z');
const HOUR = 3_600_000;
const publisher = newKeyPair();
const sender = newKeyPair();
const stranger = newKeyPair();

const trustOf = (extra: Partial<Trust> = {}): Trust => ({
  school: 'gangbord-college',
  keys: new Map([
    [publisher.keyId, { publicKey: publisher.publicKey, kinds: ['bundle', 'roster', 'command'] as EnvelopeKind[] }],
    [sender.keyId, { publicKey: sender.publicKey, kinds: ['alert'] as EnvelopeKind[] }],
  ]),
  revoked: new Set(),
  ...extra,
});

const body = Buffer.from(JSON.stringify({ rooms: ['A0.01'], lessons: [] }));
const seal = (over: Partial<Parameters<typeof sealEnvelope>[0]> = {}, signer: FleetKeyPair = publisher) =>
  sealEnvelope({ kind: 'bundle', school: 'gangbord-college', seq: 7, issuedAt: NOW, notAfter: NOW + 24 * HOUR, body, ...over }, signer);
const open = (bytes: Buffer, over: Partial<Parameters<typeof openEnvelope>[1]> = {}) =>
  openEnvelope(bytes, { trust: trustOf(), kind: 'bundle', now: NOW + 1000, ...over });

describe('signed envelopes', () => {
  it('opens what the publisher sealed, body byte for byte', () => {
    const opened = open(seal());
    expect(opened.ok).toBe(true);
    if (opened.ok) {
      expect(opened.body.equals(body)).toBe(true);
      expect(opened.header).toMatchObject({ kind: 'bundle', seq: 7, keyId: publisher.keyId });
    }
  });

  it('refuses one byte changed anywhere: in the body, the header or the signature', () => {
    const sealed = seal();
    const reasons = new Set<string>();
    // Every position of a small envelope, each flipped once.
    for (let i = 0; i < sealed.length; i++) {
      const bad = Buffer.from(sealed);
      bad[i] = bad[i]! ^ 0x01;
      const opened = open(bad);
      expect(opened.ok, `byte ${i} changed`).toBe(false);
      if (!opened.ok) reasons.add(opened.refusal);
    }
    expect(reasons).toContain('body-changed');
    expect(reasons).toContain('bad-signature');
  });

  it('refuses an older valid bundle copied over a newer one (rollback), and the same one again', () => {
    expect(open(seal({ seq: 6 }), { lastSeq: 7 })).toMatchObject({ ok: false, refusal: 'replayed' });
    expect(open(seal({ seq: 7 }), { lastSeq: 7 })).toMatchObject({ ok: false, refusal: 'replayed' });
    expect(open(seal({ seq: 8 }), { lastSeq: 7 }).ok).toBe(true);
  });

  it('refuses an alert signed by a key it does not know, and a revoked key', () => {
    const alert = (signer: FleetKeyPair) => seal({ kind: 'alert' }, signer);
    expect(open(alert(stranger), { kind: 'alert' })).toMatchObject({ ok: false, refusal: 'unknown-key' });
    expect(open(alert(sender), { kind: 'alert' }).ok).toBe(true);
    expect(open(alert(sender), { kind: 'alert', trust: trustOf({ revoked: new Set([sender.keyId]) }) })).toMatchObject({ ok: false, refusal: 'revoked-key' });
  });

  it('refuses a kind the key may not sign: a sender cannot publish a bundle, the publisher\'s bundle is no alert', () => {
    expect(open(seal({}, sender))).toMatchObject({ ok: false, refusal: 'key-not-allowed' });
    expect(open(seal(), { kind: 'alert' })).toMatchObject({ ok: false, refusal: 'wrong-kind' });
  });

  it('refuses an expired envelope, one from the future, and one for another school', () => {
    expect(open(seal({ notAfter: NOW }))).toMatchObject({ ok: false, refusal: 'expired' });
    expect(open(seal({ issuedAt: NOW + HOUR }))).toMatchObject({ ok: false, refusal: 'from-the-future' });
    expect(open(seal({ school: 'een-andere-school' }))).toMatchObject({ ok: false, refusal: 'other-school' });
  });

  it('refuses what is not an envelope at all', () => {
    for (const junk of ['', 'hello', 'GANGBORD-ENVELOPE 1 abc\n{}\n', `${seal().toString('utf8').split('\n')[0]}\nnot json\n`]) {
      expect(open(Buffer.from(junk))).toMatchObject({ ok: false, refusal: 'malformed' });
    }
  });
});

describe('fleet keys', () => {
  it('round-trips a public key as text and a private key as PEM, and reads the fingerprint in groups', () => {
    expect(publicKeyText(publicKeyFromText(publicKeyText(publisher.publicKey)))).toBe(publicKeyText(publisher.publicKey));
    const again = keyPairFromPem(privateKeyPem(publisher));
    expect(again.keyId).toBe(publisher.keyId);
    expect(open(seal({}, again)).ok).toBe(true);
    expect(spokenFingerprint(publisher.publicKey)).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(() => publicKeyFromText('short')).toThrow(/43 characters/);
  });
});
