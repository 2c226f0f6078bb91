import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newStaffPcKeyPair, open, recipientsOf, seal } from './sealed';

const body = Buffer.from(JSON.stringify({ pupils: [{ number: '120631', firstName: 'Sanne' }] }));

describe('a staff bundle sealed for its staff PCs', () => {
  it('opens for each listed staff PC, and for no one else', () => {
    const [a, b, revoked] = [newStaffPcKeyPair(), newStaffPcKeyPair(), newStaffPcKeyPair()];
    const sealed = seal(body, [{ id: 'pc-a', publicKey: a.publicKey }, { id: 'pc-b', publicKey: b.publicKey }]);
    expect(recipientsOf(sealed)).toEqual(['pc-a', 'pc-b']);
    expect(open(sealed, 'pc-a', a.privateKey)).toEqual({ ok: true, body });
    expect(open(sealed, 'pc-b', b.privateKey)).toEqual({ ok: true, body });
    // A staff PC revoked before this bundle was made is not listed: its key opens nothing.
    expect(open(sealed, 'pc-revoked', revoked.privateKey)).toEqual({ ok: false, reason: 'not-a-recipient' });
    // Another PC's key under a listed id (a copied id, a reinstalled PC) does not open it either.
    expect(open(sealed, 'pc-a', b.privateKey)).toEqual({ ok: false, reason: 'not-a-recipient' });
    // The body is not readable as it travels.
    expect(sealed.includes(Buffer.from('Sanne'))).toBe(false);
  });

  it('gives a kiosk, which has only an Ed25519 signing key, nothing', () => {
    const pc = newStaffPcKeyPair();
    const kiosk = generateKeyPairSync('ed25519');
    const sealed = seal(body, [{ id: 'pc-a', publicKey: pc.publicKey }]);
    expect(open(sealed, 'pc-a', kiosk.privateKey)).toEqual({ ok: false, reason: 'not-a-recipient' });
  });

  it('refuses a body changed by one byte, whole', () => {
    const pc = newStaffPcKeyPair();
    const sealed = seal(body, [{ id: 'pc-a', publicKey: pc.publicKey }]);
    const bytes = Buffer.from(sealed);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 1;
    expect(open(bytes, 'pc-a', pc.privateKey)).toEqual({ ok: false, reason: 'damaged' });
    expect(open(Buffer.from('not sealed'), 'pc-a', pc.privateKey)).toEqual({ ok: false, reason: 'damaged' });
  });
});
