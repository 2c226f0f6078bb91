import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { DisplayProfile } from '@shared/domain/display';
import { bodyJson, openEnvelope, sealEnvelope, type Trust, type TrustedKey } from './envelope';
import { type FleetKeyPair, keyIdOf, publicKeyFromText } from './keys';
import { PASSWORD_HASH } from './mqtt/mosquittoConfig';

/*
 * The roster (docs/fleet.md): which screens and alert senders belong to the school's fleet, signed by the publisher.
 * A screen is in it once an administrator compared its fingerprint and approved it; taking it out, or listing its key
 * as revoked, revokes it. Screens take from it whom to believe for alerts; senders whose acknowledgements to count.
 */

const PublicKeyText = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const RosterScreen = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/),
  name: z.string().trim().min(1).max(80),
  publicKey: PublicKeyText,
  /** The display profile it runs; null: the screen's own choice. */
  profile: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/).nullable(),
  approvedAt: z.number().int().min(0),
  /** Its broker password hash, from its enrolment request (docs/fleet-mqtt.md): the broker lets it on as its id. */
  broker: z.string().regex(PASSWORD_HASH).optional(),
}).strict();
export type RosterScreen = z.infer<typeof RosterScreen>;

export const RosterSender = z.object({
  name: z.string().trim().min(1).max(80),
  publicKey: PublicKeyText,
  /** When it was listed: screens believe only what it signed since (see TrustedKey.since). */
  addedAt: z.number().int().min(0).default(0),
  /** Its broker password hash, from the offer it signed (mqtt/senderBroker.ts): the broker lets it write its alerts. */
  broker: z.string().regex(PASSWORD_HASH).optional(),
}).strict();

/** A staff PC (docs/fleet.md, "Staff PCs in the fleet"): its signing key, and the X25519 key staff bundles are sealed for. */
export const RosterStaffPc = z.object({
  id: z.string().regex(/^pc-[0-9a-f]{10}$/),
  name: z.string().trim().min(1).max(80),
  publicKey: PublicKeyText,
  boxKey: PublicKeyText,
  approvedAt: z.number().int().min(0),
  /**
   * Revoked: no staff bundle is sealed for it any more. It stays listed so that the audit entries it made before,
   * forwarded late because it was offline, still reach the school's log (audit/schoolAudit.ts); none made after.
   */
  revokedAt: z.number().int().min(0).nullable().default(null),
}).strict();
export type RosterStaffPc = z.infer<typeof RosterStaffPc>;

export const Roster = z.object({
  screens: z.array(RosterScreen).max(2000),
  staffPcs: z.array(RosterStaffPc).max(500).default([]),
  senders: z.array(RosterSender).max(100),
  revoked: z.array(z.string().regex(/^[0-9a-f]{16}$/)).max(5000),
  /** The school's display profiles (the publisher's settings): a screen runs the one the roster assigns it. */
  profiles: z.array(DisplayProfile).max(200).default([]),
  /** The publisher's X25519 key: staff PCs seal the audit entries they forward for it, so the share never shows them. */
  auditKey: PublicKeyText.nullable().default(null),
}).strict();
export type Roster = z.infer<typeof Roster>;
export type RosterInput = z.input<typeof Roster>;

export const EMPTY_ROSTER: Roster = { screens: [], staffPcs: [], senders: [], revoked: [], profiles: [], auditKey: null };

/** A roster is public (names and public keys), signed for a year: it changes when the fleet does. */
const ROSTER_VALID_MS = 365 * 24 * 3_600_000;

export function sealRoster(roster: RosterInput, input: { school: string; seq: number; now: number }, publisher: FleetKeyPair): Buffer {
  return sealEnvelope({
    kind: 'roster', school: input.school, seq: input.seq, issuedAt: input.now, notAfter: input.now + ROSTER_VALID_MS,
    body: Buffer.from(JSON.stringify(Roster.parse(roster))),
  }, publisher);
}

export function openRoster(bytes: Buffer, options: { school: string; publisher: KeyObject; now: number; lastSeq?: number }):
  { ok: true; seq: number; roster: Roster } | { ok: false; refusal: string; detail: string } {
  const trust: Trust = { school: options.school, keys: new Map([[keyIdOf(options.publisher), { publicKey: options.publisher, kinds: ['roster'] }]]), revoked: new Set() };
  const opened = openEnvelope(bytes, { trust, kind: 'roster', now: options.now, lastSeq: options.lastSeq });
  if (!opened.ok) return opened;
  const parsed = Roster.safeParse(bodyJson(opened.body));
  if (!parsed.success) return { ok: false, refusal: 'malformed', detail: 'not a roster' };
  return { ok: true, seq: opened.header.seq, roster: parsed.data };
}

/**
 * Whom a screen believes, from the pinned publisher key and the roster: the publisher for bundles, rosters, commands
 * and alerts; each listed sender for alerts; each approved screen for its own status and acknowledgements. A revoked
 * key is believed for nothing, whatever else lists it.
 */
export function fleetTrust(school: string, publisher: KeyObject, roster: Roster): Trust {
  const keys = new Map<string, TrustedKey>([[keyIdOf(publisher), { publicKey: publisher, kinds: ['bundle', 'roster', 'command', 'alert'] }]]);
  for (const sender of roster.senders) {
    const publicKey = publicKeyFromText(sender.publicKey);
    keys.set(keyIdOf(publicKey), { publicKey, kinds: ['alert'], since: sender.addedAt });
  }
  for (const screen of roster.screens) {
    const publicKey = publicKeyFromText(screen.publicKey);
    keys.set(keyIdOf(publicKey), { publicKey, kinds: ['ack', 'status', 'thumbnail'] });
  }
  return { school, keys, revoked: new Set(roster.revoked) };
}

/** The display a screen runs by the roster: the school's profiles and the one assigned to it (null: its own choice). */
export function assignedDisplay(roster: Roster, screenId: string): { profiles: DisplayProfile[]; active: string | null } {
  const assigned = roster.screens.find((s) => s.id === screenId)?.profile ?? null;
  return { profiles: roster.profiles, active: roster.profiles.some((p) => p.id === assigned) ? assigned : null };
}

/** Whether a screen with this key is in the fleet: approved, and not revoked. */
export const isEnrolled = (roster: Roster, keyId: string) =>
  !roster.revoked.includes(keyId) && roster.screens.some((s) => keyIdOf(publicKeyFromText(s.publicKey)) === keyId);
