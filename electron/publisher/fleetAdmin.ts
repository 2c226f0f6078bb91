import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { countAcknowledgements } from '../core/fleet/alertSender';
import { ownHeader } from '../core/fleet/envelope';
import { fleetPaths, readIfThere, writeAtomically } from '../core/fleet/fleetFolder';
import { type FleetKeyPair, keyIdOf, publicKeyFromText, spokenFingerprint } from '../core/fleet/keys';
import { EMPTY_ROSTER, fleetTrust, Roster, sealRoster } from '../core/fleet/roster';
import { healthOf, openStatus, type ScreenStatus } from '../core/fleet/screenStatus';
import { UsageError } from './args';

/*
 * The administrator's side of the fleet, on the publisher's machine (docs/fleet.md): screens waiting to be approved,
 * approving and revoking them, alert senders, every screen's health, and the live count of an alert. The roster is
 * kept in DIR/fleet-roster.json (names and public keys: nothing secret) and signed into pub/roster.env.
 */

const Request = z.object({ id: z.string(), publicKey: z.string(), fingerprint: z.string(), at: z.number() });

export interface FleetContext {
  dataDir: string;
  folder: string;
  school: string;
  key: FleetKeyPair;
  now: () => number;
  out: (line: string) => void;
}

const rosterFile = (ctx: FleetContext) => join(ctx.dataDir, 'fleet-roster.json');

export function loadRoster(ctx: FleetContext): Roster {
  const file = rosterFile(ctx);
  return existsSync(file) ? Roster.parse(JSON.parse(readFileSync(file, 'utf8'))) : EMPTY_ROSTER;
}

/** Keeps the roster and signs it into the folder, numbered above the one there (a clock set back changes nothing). */
export async function saveRoster(ctx: FleetContext, roster: Roster): Promise<void> {
  const paths = fleetPaths(ctx.folder);
  const current = await readIfThere(paths.roster);
  const last = current ? ownHeader(current, ctx.key.publicKey)?.seq ?? 0 : 0;
  await writeAtomically(rosterFile(ctx), Buffer.from(JSON.stringify(roster, null, 2)));
  await writeAtomically(paths.roster, sealRoster(roster, { school: ctx.school, seq: Math.max(last + 1, ctx.now()), now: ctx.now() }, ctx.key));
}

/** The school's display profiles into the roster when the publisher's settings changed them. */
export async function keepProfiles(ctx: FleetContext, profiles: Roster['profiles']): Promise<void> {
  const roster = loadRoster(ctx);
  if (JSON.stringify(roster.profiles) === JSON.stringify(profiles) && existsSync(fleetPaths(ctx.folder).roster)) return;
  await saveRoster(ctx, { ...roster, profiles });
}

async function requests(ctx: FleetContext): Promise<z.infer<typeof Request>[]> {
  const dir = join(ctx.folder, 'screens');
  const ids = existsSync(dir) ? await readdir(dir) : [];
  const out: z.infer<typeof Request>[] = [];
  for (const id of ids.sort()) {
    const bytes = await readIfThere(join(dir, id, 'request.json')).catch(() => null);
    const parsed = bytes ? Request.safeParse(JSON.parse(bytes.toString('utf8'))) : null;
    if (parsed?.success && parsed.data.id === id) out.push(parsed.data);
  }
  return out;
}

export async function listRequests(ctx: FleetContext): Promise<void> {
  const roster = loadRoster(ctx);
  const waiting = (await requests(ctx)).filter((r) => !roster.screens.some((s) => s.id === r.id));
  if (waiting.length === 0) return ctx.out('No screens are waiting.');
  for (const r of waiting) ctx.out(`${r.id}  fingerprint ${r.fingerprint}  asked ${new Date(r.at).toISOString()}`);
}

/** Approves a waiting screen: compare the fingerprint it shows with the one `requests` lists before you do. */
export async function approve(ctx: FleetContext, screenId: string, name: string, profile: string | null): Promise<void> {
  const request = (await requests(ctx)).find((r) => r.id === screenId);
  if (!request) throw new UsageError(`no screen ${screenId} is waiting in ${ctx.folder}/screens (see: npm run publisher -- requests ...)`);
  const publicKey = publicKeyFromText(request.publicKey);
  if (spokenFingerprint(publicKey) !== request.fingerprint) throw new UsageError(`the request of ${screenId} does not match its own key: not approved`);
  const roster = loadRoster(ctx);
  const screens = roster.screens.filter((s) => s.id !== screenId);
  screens.push({ id: screenId, name, publicKey: request.publicKey, profile, approvedAt: ctx.now() });
  await saveRoster(ctx, { ...roster, screens, revoked: roster.revoked.filter((k) => k !== keyIdOf(publicKey)) });
  ctx.out(`Approved ${screenId} as "${name}" (fingerprint ${request.fingerprint}).`);
}

export async function revoke(ctx: FleetContext, screenId: string): Promise<void> {
  const roster = loadRoster(ctx);
  const screen = roster.screens.find((s) => s.id === screenId);
  if (!screen) throw new UsageError(`${screenId} is not in the roster`);
  const keyId = keyIdOf(publicKeyFromText(screen.publicKey));
  await saveRoster(ctx, { ...roster, screens: roster.screens.filter((s) => s.id !== screenId), revoked: [...new Set([...roster.revoked, keyId])] });
  ctx.out(`Revoked ${screenId} ("${screen.name}"): its key is no longer believed.`);
}

export async function addSender(ctx: FleetContext, name: string, keyText: string): Promise<void> {
  const publicKey = publicKeyFromText(keyText);
  const roster = loadRoster(ctx);
  const senders = [...roster.senders.filter((s) => s.publicKey !== keyText), { name, publicKey: keyText }];
  await saveRoster(ctx, { ...roster, senders });
  ctx.out(`Added alert sender "${name}" (fingerprint ${spokenFingerprint(publicKey)}).`);
}

interface StatusRow { id: string; name: string; health: string; status: ScreenStatus | null }

/** Every screen in the roster with its last signed status: JSON, or CSV for a monitoring system. */
export async function fleetStatus(ctx: FleetContext, csv: boolean): Promise<StatusRow[]> {
  const roster = loadRoster(ctx);
  const trust = fleetTrust(ctx.school, ctx.key.publicKey, roster);
  const now = ctx.now();
  const rows: StatusRow[] = [];
  for (const screen of roster.screens) {
    const bytes = await readIfThere(fleetPaths(ctx.folder).statusOf(screen.id)).catch(() => null);
    const status = bytes ? openStatus(bytes, trust, screen.id, now) : null;
    rows.push({ id: screen.id, name: screen.name, health: healthOf(status, now), status });
  }
  if (csv) {
    ctx.out('id,name,health,last_status,profile,version,data_as_of,last_error,refusals');
    const cell = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
    for (const r of rows) {
      const s = r.status;
      ctx.out([r.id, r.name, r.health, s && new Date(s.at).toISOString(), s?.profile, s?.version, s?.dataAsOf && new Date(s.dataAsOf).toISOString(), s?.lastError, s?.refusals.length ?? 0].map(cell).join(','));
    }
  } else {
    ctx.out(JSON.stringify(rows, null, 2));
  }
  return rows;
}

/** The sender's live count: "43 of 45 screens show it", with the missing named, until all do or `ms` passes. */
export async function watchAcknowledgements(ctx: FleetContext, alertId: string, ms: number): Promise<void> {
  const roster = loadRoster(ctx);
  const screens = roster.screens.map((s) => {
    const publicKey = publicKeyFromText(s.publicKey);
    return { id: s.id, name: s.name, keyId: keyIdOf(publicKey), publicKey };
  });
  const until = Date.now() + ms;
  let last = '';
  for (;;) {
    const count = await countAcknowledgements(ctx.folder, ctx.school, screens, ctx.key.keyId, alertId, ctx.now());
    const line = `${count.shown.length} of ${screens.length} screens show it${count.missing.length ? `; not yet: ${count.missing.map((m) => m.name).join(', ')}` : ''}`;
    if (line !== last) ctx.out(line);
    last = line;
    if (count.missing.length === 0 || Date.now() > until) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
