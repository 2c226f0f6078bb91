import { describe, expect, it } from 'vitest';
import { DisplayProfile } from '@shared/domain/display';
import { openEnvelope, sealEnvelope } from './envelope';
import { keyIdOf, newKeyPair, publicKeyText } from './keys';
import { assignedDisplay, fleetTrust, isEnrolled, openRoster, type Roster, sealRoster } from './roster';

const NOW = Date.parse('2026-11-24T08:00:00Z');
const SCHOOL = 'gangbord-college';
const publisher = newKeyPair();
const reception = newKeyPair();
const screenA = newKeyPair();
const screenB = newKeyPair();
const roster: Roster = {
  staffPcs: [],
  auditKey: null,
  screens: [
    { id: 'gang-a0', name: 'Gang A begane grond', publicKey: publicKeyText(screenA.publicKey), profile: 'gang', approvedAt: NOW },
    { id: 'gang-b0', name: 'Gang B', publicKey: publicKeyText(screenB.publicKey), profile: null, approvedAt: NOW },
  ],
  senders: [{ name: 'Receptie', publicKey: publicKeyText(reception.publicKey), addedAt: NOW - 60_000 }],
  revoked: [],
  profiles: [DisplayProfile.parse({ id: 'gang', name: 'Gang', layout: 'corridor' }), DisplayProfile.parse({ id: 'deur-a0', name: 'Deur A0.02', layout: 'door', rooms: { kind: 'list', rooms: ['A0.02'] } })],
};
const alertFrom = (key: typeof publisher) => sealEnvelope({ kind: 'alert', school: SCHOOL, seq: 1, issuedAt: NOW, notAfter: NOW + 60_000, body: Buffer.from('{}') }, key);

describe('the roster', () => {
  it('is opened only when the pinned publisher signed it, and never rolled back', () => {
    const sealed = sealRoster(roster, { school: SCHOOL, seq: 3, now: NOW }, publisher);
    expect(openRoster(sealed, { school: SCHOOL, publisher: publisher.publicKey, now: NOW })).toMatchObject({ ok: true, seq: 3, roster });
    expect(openRoster(sealRoster(roster, { school: SCHOOL, seq: 3, now: NOW }, reception), { school: SCHOOL, publisher: publisher.publicKey, now: NOW }))
      .toMatchObject({ ok: false, refusal: 'unknown-key' });
    expect(openRoster(sealed, { school: SCHOOL, publisher: publisher.publicKey, now: NOW, lastSeq: 3 })).toMatchObject({ ok: false, refusal: 'replayed' });
  });

  it('lets a listed sender send alerts and a listed screen acknowledge, and a revoked key do neither', () => {
    const trust = fleetTrust(SCHOOL, publisher.publicKey, roster);
    expect(openEnvelope(alertFrom(reception), { trust, kind: 'alert', now: NOW }).ok).toBe(true);
    expect(openEnvelope(alertFrom(publisher), { trust, kind: 'alert', now: NOW }).ok).toBe(true);
    // A screen's key may acknowledge, not alert.
    expect(openEnvelope(alertFrom(screenA), { trust, kind: 'alert', now: NOW })).toMatchObject({ ok: false, refusal: 'key-not-allowed' });
    const revoked = fleetTrust(SCHOOL, publisher.publicKey, { ...roster, revoked: [reception.keyId] });
    expect(openEnvelope(alertFrom(reception), { trust: revoked, kind: 'alert', now: NOW })).toMatchObject({ ok: false, refusal: 'revoked-key' });
  });

  it('does not believe what a sender signed before it was listed (an alert the screens refused stays refused)', () => {
    const listedLater = fleetTrust(SCHOOL, publisher.publicKey, { ...roster, senders: [{ ...roster.senders[0]!, addedAt: NOW + 1 }] });
    expect(openEnvelope(alertFrom(reception), { trust: listedLater, kind: 'alert', now: NOW + 5_000 })).toMatchObject({ ok: false, refusal: 'key-not-allowed' });
  });

  it('gives each screen the school\'s profiles and the one assigned to it, or its own choice when none is', () => {
    expect(assignedDisplay(roster, 'gang-a0')).toEqual({ profiles: roster.profiles, active: 'gang' });
    expect(assignedDisplay(roster, 'gang-b0').active).toBeNull();
    // A profile the school no longer has is not forced on the screen.
    expect(assignedDisplay({ ...roster, profiles: roster.profiles.slice(1) }, 'gang-a0').active).toBeNull();
  });

  it('says which screens are enrolled: approved and not revoked', () => {
    expect(isEnrolled(roster, keyIdOf(screenA.publicKey))).toBe(true);
    expect(isEnrolled({ ...roster, revoked: [screenA.keyId] }, screenA.keyId)).toBe(false);
    expect(isEnrolled(roster, newKeyPair().keyId)).toBe(false);
  });
});
