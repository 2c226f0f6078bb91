import { z } from 'zod';
import { bodyJson, openEnvelope, sealEnvelope, type Trust } from './envelope';
import type { FleetKeyPair } from './keys';

/*
 * A screen's health (docs/fleet.md), written by the screen every minute to screens/<id>/status.env, signed with its
 * own key: the publisher's fleet status reads it with that key only, so one screen cannot speak for another.
 */

export const ScreenStatus = z.object({
  screen: z.string().min(1).max(63),
  version: z.string().max(40),
  at: z.number().int().min(0),
  profile: z.string().max(40).nullable(),
  /** Whether its operating hours have the screen on now: a dark screen at night is no alarm. */
  screenOn: z.boolean(),
  enrolled: z.boolean(),
  dataAsOf: z.number().int().min(0).nullable(),
  lastError: z.string().max(500).nullable(),
  /** The last refusals (newest first): what was refused, why, when. */
  refusals: z.array(z.object({ file: z.string().max(200), refusal: z.string().max(40), at: z.number().int().min(0) }).strict()).max(20),
  alertsShown: z.array(z.string().max(64)).max(50),
}).strict();
export type ScreenStatus = z.infer<typeof ScreenStatus>;

export function sealStatus(status: ScreenStatus, input: { school: string; seq: number }, key: FleetKeyPair): Buffer {
  return sealEnvelope({
    kind: 'status', school: input.school, seq: input.seq, issuedAt: status.at, notAfter: status.at + 7 * 24 * 3_600_000,
    body: Buffer.from(JSON.stringify(ScreenStatus.parse(status))),
  }, key);
}

/** Green under 90 s, amber under 10 minutes, red beyond; grey when its operating hours have it off. */
export type Health = 'green' | 'amber' | 'red' | 'grey' | 'unknown';

export function healthOf(status: ScreenStatus | null, now: number): Health {
  if (!status) return 'unknown';
  const age = now - status.at;
  if (age < 90_000) return status.screenOn ? 'green' : 'grey';
  if (!status.screenOn && age < 12 * 3_600_000) return 'grey';
  return age < 600_000 ? 'amber' : 'red';
}

export function openStatus(bytes: Buffer, trust: Trust, screenId: string, now: number): ScreenStatus | null {
  // A screen whose clock runs ahead still has its status read: its clock being off is what the page must say.
  const opened = openEnvelope(bytes, { trust, kind: 'status', now, skewMs: 24 * 3_600_000 });
  if (!opened.ok) return null;
  const parsed = ScreenStatus.safeParse(bodyJson(opened.body));
  return parsed.success && parsed.data.screen === screenId ? parsed.data : null;
}
