import { type KeyObject, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AlertMessage, TEMPLATE_WORDS } from './alertMessage';
import { type AckCount, countAcknowledgements, sendAlert } from './alertSender';
import { bodyJson, ownHeader } from './envelope';
import { fleetPaths, isScreenId, readIfThere, writeAtomically } from './fleetFolder';
import { type FleetKeyPair, keyIdOf, publicKeyFromText, spokenFingerprint } from './keys';
import { EMPTY_ROSTER, fleetTrust, openRoster, Roster, type RosterInput, sealRoster } from './roster';
import { type Health, healthOf, openStatus, type ScreenStatus } from './screenStatus';
import { type FleetCommand, sendCommand } from './commands';
import { openThumbnail } from './thumbnail';
import { PASSWORD_HASH } from './mqtt/mosquittoConfig';
import { senderBrokerHash } from './mqtt/senderBroker';
import type { FleetCommandName } from '@shared/fleet/commands';
import { fleetFile, type FleetStore } from './store/fleetStore';
import { folderStore, storeFor } from './store/folderStore';

/*
 * The administrator's side of the fleet, on the publisher's machine (docs/fleet.md): screens waiting to be approved,
 * approving and revoking them, alert senders, every screen's health, and the count of an alert's acknowledgements.
 * The roster is kept in DIR/fleet-roster.json (names and public keys: nothing secret) and signed into pub/roster.env.
 * Used by the publisher's command line and by the staff app's Screens page.
 */

const Request = z.object({
  id: z.string(), publicKey: z.string(), fingerprint: z.string(), at: z.number(),
  /** A screen on a broker: its password hash (mqtt/brokerCredentials.ts); anything else in its place is left out. */
  broker: z.string().regex(PASSWORD_HASH).optional().catch(undefined),
});
export type ScreenRequest = z.infer<typeof Request>;

/** A refusal a person can act on (an unknown screen, a request that does not match its key). */
export class FleetAdminError extends Error {}

export interface FleetContext {
  dataDir: string;
  folder: string;
  /** The folder, or a broker with the folder as fallback (store/): what the roster, alerts and statuses travel by. */
  store?: FleetStore;
  /** After the roster was signed: the broker's users follow it (mqtt/publisherBroker.ts). */
  afterRoster?: (roster: Roster) => Promise<void>;
  school: string;
  key: FleetKeyPair;
  now: () => number;
}

const rosterFile = (ctx: FleetContext) => join(ctx.dataDir, 'fleet-roster.json');

export function loadRoster(ctx: FleetContext): Roster {
  const file = rosterFile(ctx);
  return existsSync(file) ? Roster.parse(JSON.parse(readFileSync(file, 'utf8'))) : EMPTY_ROSTER;
}

/** Keeps the roster and signs it into the folder, numbered above the one there (a clock set back changes nothing). */
export async function saveRoster(ctx: FleetContext, roster: RosterInput): Promise<void> {
  const store = storeFor(ctx);
  const current = await store.read(fleetFile.roster);
  const last = current ? ownHeader(current, ctx.key.publicKey)?.seq ?? 0 : 0;
  await writeAtomically(rosterFile(ctx), Buffer.from(JSON.stringify(roster, null, 2)));
  await store.write(fleetFile.roster, sealRoster(roster, { school: ctx.school, seq: Math.max(last + 1, ctx.now()), now: ctx.now() }, ctx.key));
  await ctx.afterRoster?.(Roster.parse(roster));
}

/**
 * What the publisher itself puts in the roster, signed again only when it changed: the school's display profiles
 * (from its settings) and the key staff PCs seal their audit entries for.
 */
export async function keepInRoster(ctx: FleetContext, fields: Pick<Roster, 'profiles' | 'auditKey'>): Promise<void> {
  const roster = loadRoster(ctx);
  const same = JSON.stringify(roster.profiles) === JSON.stringify(fields.profiles) && roster.auditKey === fields.auditKey;
  if (same && (await storeFor(ctx).read(fleetFile.roster)) !== null) return;
  await saveRoster(ctx, { ...roster, ...fields });
}

async function requests(ctx: FleetContext): Promise<ScreenRequest[]> {
  const dir = join(ctx.folder, 'screens');
  const ids = existsSync(dir) ? await readdir(dir) : [];
  const out: ScreenRequest[] = [];
  // Anything a screen (or anyone who can write screens/) put there is skipped unless it is a well-formed request.
  for (const id of ids.filter(isScreenId).sort()) {
    const bytes = await readIfThere(fleetPaths(ctx.folder).requestOf(id)).catch(() => null);
    const parsed = bytes ? Request.safeParse(bodyJson(bytes)) : null;
    if (parsed?.success && parsed.data.id === id) out.push(parsed.data);
  }
  return out;
}

/** Screens that asked to join and are not in the roster. */
export async function waitingScreens(ctx: FleetContext): Promise<ScreenRequest[]> {
  const roster = loadRoster(ctx);
  return (await requests(ctx)).filter((r) => !roster.screens.some((s) => s.id === r.id));
}

/** Approves a waiting screen: compare the fingerprint it shows with the one `requests` lists before you do. */
export async function approve(ctx: FleetContext, screenId: string, name: string, profile: string | null): Promise<ScreenRequest> {
  const request = (await requests(ctx)).find((r) => r.id === screenId);
  if (!request) throw new FleetAdminError(`no screen ${screenId} is waiting in the fleet folder`);
  const publicKey = publicKeyFromText(request.publicKey);
  if (spokenFingerprint(publicKey) !== request.fingerprint) throw new FleetAdminError(`the request of ${screenId} does not match its own key: not approved`);
  const roster = loadRoster(ctx);
  const screens = roster.screens.filter((s) => s.id !== screenId);
  screens.push({ id: screenId, name, publicKey: request.publicKey, profile, approvedAt: ctx.now(), ...(request.broker ? { broker: request.broker } : {}) });
  await saveRoster(ctx, { ...roster, screens, revoked: roster.revoked.filter((k) => k !== keyIdOf(publicKey)) });
  return request;
}

export async function revoke(ctx: FleetContext, screenId: string): Promise<{ name: string }> {
  const roster = loadRoster(ctx);
  const screen = roster.screens.find((s) => s.id === screenId);
  if (!screen) throw new FleetAdminError(`${screenId} is not in the roster`);
  const keyId = keyIdOf(publicKeyFromText(screen.publicKey));
  await saveRoster(ctx, { ...roster, screens: roster.screens.filter((s) => s.id !== screenId), revoked: [...new Set([...roster.revoked, keyId])] });
  return { name: screen.name };
}

/** Gives screens another display profile (null: each screen's own choice); they switch when they read the roster. */
export async function assignProfile(ctx: FleetContext, screenIds: readonly string[], profile: string | null): Promise<void> {
  const roster = loadRoster(ctx);
  if (profile !== null && !roster.profiles.some((p) => p.id === profile)) throw new FleetAdminError(`there is no display profile "${profile}"`);
  const unknown = screenIds.filter((id) => !roster.screens.some((s) => s.id === id));
  if (unknown.length) throw new FleetAdminError(`not in the roster: ${unknown.join(', ')}`);
  await saveRoster(ctx, { ...roster, screens: roster.screens.map((s) => (screenIds.includes(s.id) ? { ...s, profile } : s)) });
}

/** Identify, reload or a new thumbnail, for screens in the roster. */
export async function commandScreens(ctx: FleetContext, action: FleetCommandName, screenIds: readonly string[]): Promise<FleetCommand> {
  const roster = loadRoster(ctx);
  const unknown = screenIds.filter((id) => !roster.screens.some((s) => s.id === id));
  if (unknown.length || screenIds.length === 0) throw new FleetAdminError(unknown.length ? `not in the roster: ${unknown.join(', ')}` : 'choose at least one screen');
  return sendCommand({ folder: ctx.folder, store: ctx.store, school: ctx.school, key: ctx.key, now: ctx.now() }, action, [...screenIds]);
}

/** A screen's last thumbnail, read with that screen's own key only; null when it has none. */
export async function screenThumbnail(ctx: FleetContext, screenId: string): Promise<{ at: number; png: Buffer } | null> {
  const screen = loadRoster(ctx).screens.find((s) => s.id === screenId);
  if (!screen) throw new FleetAdminError(`${screenId} is not in the roster`);
  const bytes = await readIfThere(fleetPaths(ctx.folder).thumbnailOf(screenId)).catch(() => null);
  const publicKey = publicKeyFromText(screen.publicKey);
  const trust = { school: ctx.school, keys: new Map([[keyIdOf(publicKey), { publicKey, kinds: ['thumbnail'] as const }]]), revoked: new Set<string>() };
  return bytes ? openThumbnail(bytes, trust, ctx.now()) : null;
}

/** Lets another machine's key send alerts; returns its fingerprint. */
export async function addSender(ctx: FleetContext, name: string, keyText: string): Promise<string> {
  let publicKey;
  try {
    publicKey = publicKeyFromText(keyText);
  } catch {
    throw new FleetAdminError('that is not a sender\'s public key: copy it whole from the sender PC\'s Screens page');
  }
  const roster = loadRoster(ctx);
  const listed = roster.senders.find((s) => s.publicKey === keyText);
  // Renaming a listed sender keeps when it was listed; a new one is believed from now on.
  // A sender on the broker offered its password hash, signed with this key (mqtt/senderBroker.ts).
  const broker = await senderBrokerHash(ctx.folder, ctx.school, publicKey);
  const added = { name, publicKey: keyText, addedAt: listed?.addedAt ?? ctx.now(), ...(broker ? { broker } : {}) };
  const senders = [...roster.senders.filter((s) => s.publicKey !== keyText), added];
  await saveRoster(ctx, { ...roster, senders });
  return spokenFingerprint(publicKey);
}

/** Takes a sender out of the roster: screens no longer believe its alerts. */
export async function removeSender(ctx: FleetContext, keyText: string): Promise<{ name: string }> {
  const roster = loadRoster(ctx);
  const sender = roster.senders.find((s) => s.publicKey === keyText);
  if (!sender) throw new FleetAdminError('that sender is not in the roster');
  await saveRoster(ctx, { ...roster, senders: roster.senders.filter((s) => s !== sender) });
  return { name: sender.name };
}

export interface StatusRow {
  id: string;
  name: string;
  profile: string | null;
  health: Health;
  status: ScreenStatus | null;
  /**
   * How far the screen's clock is off, as far as the folder can tell: the time it signed into its status against the
   * time the folder (the share's server) gave the file. Null when there is no status; only worth saying past 2 minutes.
   */
  clockOffsetSeconds: number | null;
  /** When its thumbnail file was last written (unsigned: a hint for the page); null: none (only the desktop app takes them). */
  thumbnailAt: number | null;
  /** The broker said it went away (its Last Will); false without a broker. */
  offline: boolean;
}

/** A screen's clock this far off (seconds) is said on the Screens page and in the status: lessons would flip late or early. */
export const CLOCK_OFF_SECONDS = 120;

/**
 * Every screen in the roster with its last signed status, read with that screen's own key. An alert sender passes
 * the roster it read from the folder (signed by the publisher); the publisher's desk uses its own.
 */
export async function screenStatuses(ctx: StatusContext, roster: Roster): Promise<StatusRow[]> {
  const trust = fleetTrust(ctx.school, ctx.key.publicKey, roster);
  const now = ctx.now();
  const store = ctx.store ?? (ctx.folder === null ? null : folderStore(ctx.folder));
  if (!store) throw new Error(`the statuses of ${ctx.school} have neither a folder nor a broker to come from`);
  const rows: StatusRow[] = [];
  for (const screen of roster.screens) {
    const bytes = await store.read(fleetFile.statusOf(screen.id), (b) => openStatus(b, trust, screen.id, now) !== null).catch(() => null);
    const status = bytes ? openStatus(bytes, trust, screen.id, now) : null;
    const written = status ? await store.writtenAt(fleetFile.statusOf(screen.id)) : null;
    // The broker's word (its Last Will) that the screen went away, before its status is a minute old; not signed,
    // so it can only make a screen look worse, never better.
    const presence = (await store.read(fleetFile.presenceOf(screen.id)).catch(() => null))?.toString() ?? null;
    const offline = presence === 'offline';
    const clockOffsetSeconds = status && written !== null ? Math.round((status.at - written) / 1000) : null;
    // Only whether there is one, and since when: the picture itself is read (and its signature checked) when shown.
    const thumbnailAt = ctx.folder === null ? null : await stat(fleetPaths(ctx.folder).thumbnailOf(screen.id)).then((s) => Math.round(s.mtimeMs), () => null);
    const health = offline && healthOf(status, now) !== 'grey' ? 'red' : healthOf(status, now);
    rows.push({ id: screen.id, name: screen.name, profile: screen.profile, health, status, clockOffsetSeconds, thumbnailAt, offline });
  }
  return rows;
}

/** What reading statuses needs: the school, its publisher's key (for the roster's trust), and where they are. */
export interface StatusContext {
  school: string;
  key: { publicKey: KeyObject };
  now: () => number;
  store?: FleetStore;
  /** The fleet folder, for thumbnails; null for a school seen through the broker only (a board's other schools). */
  folder: string | null;
}

/** Another school of the board, through the broker (mqtt/publisherBroker.ts): its screens, or why they cannot be shown. */
export async function boardStatuses(school: { school: string; publisherKey: string; store: FleetStore }, now: () => number):
Promise<{ school: string; problem: string | null; rows: StatusRow[] }> {
  const publisher = publicKeyFromText(school.publisherKey);
  const bytes = await school.store.read(fleetFile.roster, (b) => openRoster(b, { school: school.school, publisher, now: now() }).ok);
  if (!bytes) return { school: school.school, problem: 'no roster from this school on the broker (yet)', rows: [] };
  const opened = openRoster(bytes, { school: school.school, publisher, now: now() });
  if (!opened.ok) return { school: school.school, problem: `its roster was refused (${opened.refusal})`, rows: [] };
  const ctx: StatusContext = { school: school.school, key: { publicKey: publisher }, now, store: school.store, folder: null };
  return { school: school.school, problem: null, rows: await screenStatuses(ctx, opened.roster) };
}

/** The fleet's status as CSV, for the school's (or the board's) monitoring: one line per screen, by school. */
export function statusCsv(schools: readonly { school: string; rows: readonly StatusRow[] }[]): string[] {
  const lines = ['school,id,name,health,offline,last_status,profile,version,data_as_of,last_error,refusals,clock_offset_s'];
  const cell = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  for (const { school, rows } of schools) {
    for (const r of rows) {
      const s = r.status;
      lines.push([
        school, r.id, r.name, r.health, r.offline, s && new Date(s.at).toISOString(), s?.profile, s?.version, s?.dataAsOf && new Date(s.dataAsOf).toISOString(),
        s?.lastError, s?.refusals.length ?? 0, r.clockOffsetSeconds,
      ].map(cell).join(','));
    }
  }
  return lines;
}

/** Which of the roster's screens show alert `alertId` from this machine's key. */
export async function acknowledgements(ctx: FleetContext, alertId: string, roster: Roster = loadRoster(ctx)): Promise<AckCount & { total: number }> {
  const screens = roster.screens.map((s) => {
    const publicKey = publicKeyFromText(s.publicKey);
    return { id: s.id, name: s.name, keyId: keyIdOf(publicKey), publicKey };
  });
  return { ...(await countAcknowledgements(storeFor(ctx), ctx.school, screens, ctx.key.keyId, alertId, ctx.now())), total: screens.length };
}

export interface AlertRequest {
  template: AlertMessage['template'];
  /** The template's words when not given (a custom alert needs a title). */
  title: string | null;
  text: string;
  drill: boolean;
  groups: string[];
  minutes: number;
}

/** Sends an alert signed with this machine's key; it holds until an all clear from the same key or `minutes` pass. */
export async function sendFleetAlert(ctx: FleetContext, request: AlertRequest): Promise<AlertMessage> {
  const now = ctx.now();
  const words = TEMPLATE_WORDS[request.template];
  const title = request.title?.trim() || words.title;
  if (!title) throw new FleetAdminError('a custom alert needs a title');
  const alert = AlertMessage.parse({
    id: randomUUID(), template: request.template, title, text: request.text.trim() || words.text, drill: request.drill,
    audience: request.groups, sentAt: now, expiresAt: now + request.minutes * 60_000,
  });
  await sendAlert({ folder: ctx.folder, store: ctx.store, school: ctx.school, key: ctx.key, seq: now, alert });
  return alert;
}
