import type { z } from 'zod';
import type { FleetScreenInfo } from '@shared/contract';
import type { Announcement, DisplayProfile } from '@shared/domain';
import type { FleetSourceConfig } from '@shared/settings';
import type { Logger } from '../logger';
import type { SecretStore } from '../secrets/secretStore';
import type { AlertMessage } from './alertMessage';
import { openEnvelope, type Trust } from './envelope';
import { fleetPaths, writeAtomically } from './fleetFolder';
import { fleetFile } from './store/fleetStore';
import { folderStore } from './store/folderStore';
import { isMqttStore, openFleetStore } from './store/openFleetStore';
import { brokerPasswordHash, brokerToken } from './mqtt/brokerCredentials';
import { assignedDisplay, EMPTY_ROSTER, fleetTrust, isEnrolled, openRoster, type Roster } from './roster';
import { type ScreenStatus, sealStatus } from './screenStatus';
import { type FleetKeyPair, publicKeyFromText, publicKeyText, spokenFingerprint } from './keys';
import { deviceKey } from './storedKeys';
import { createScreenAlerts, type ShownAlert } from './screenAlerts';
import { commandsFor } from './commands';
import { sealThumbnail } from './thumbnail';
import type { FleetCommandName } from '@shared/fleet/commands';

/*
 * A kiosk in a school's fleet (docs/fleet.md): its timetable comes through the fleet source like any sync; this is
 * the rest: its own device key, and the emergency alerts it looks for every 250 ms, shows as emergency announcements
 * (which take over the screen) and acknowledges, signed, for the sender's count.
 */

/** A screen's id in the folder, from its key: stable across restarts, and no two screens share one. */
export const screenIdOf = (key: FleetKeyPair) => `scherm-${key.keyId.slice(0, 10)}`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An alert as the kiosk page shows it: an emergency announcement, which takes over every layout. */
export function alertAnnouncement(shown: ShownAlert): Announcement {
  const alert: AlertMessage = shown.alert;
  return {
    id: `alert-${shown.sender}-${alert.id}`,
    // A drill says so before anything else, in the corridor's language.
    title: alert.drill ? `OEFENING · ${alert.title}` : alert.title,
    body: alert.text ? `<p>${escapeHtml(alert.text)}</p>` : '',
    start: alert.sentAt, end: alert.expiresAt, audience: [], priority: 100, emergency: true,
  };
}

/** What the screen's status says of the rest of the kiosk. */
export interface FleetScreenHealth {
  version: string;
  profile: string | null;
  screenOn: boolean;
  dataAsOf: number | null;
  lastError: string | null;
}

export interface FleetScreenOptions {
  config: z.infer<typeof FleetSourceConfig>;
  secrets: SecretStore;
  now: () => number;
  log: Logger;
  displayGroup: () => string | null;
  onAlerts: (alerts: readonly Announcement[]) => void;
  health: () => FleetScreenHealth;
  /** The roster approved this screen, or took it out. */
  onEnrolment?: (info: FleetScreenInfo) => void;
  /** The roster's display profiles, and the one it assigns this screen (only called when the roster has profiles). */
  onDisplay?: (display: { profiles: DisplayProfile[]; active: string | null }) => void;
  /** A command from the Screens page for this screen (identify, reload, thumbnail): the host carries it out. */
  onCommand?: (action: FleetCommandName) => void;
  /**
   * With a broker: a folder in the screen's own data where each bundle and delta pushed to it is kept, for the sync
   * (in its worker) to read beside the share; and a call to sync at once.
   */
  inbox?: string;
  onBundlePushed?: () => void;
  /** How often the roster and the commands are looked at and the status written (ms). */
  rosterMs?: number;
  commandMs?: number;
  statusMs?: number;
}

export interface FleetScreen {
  screenId: string;
  info(): FleetScreenInfo;
  writeStatus(): Promise<void>;
  storeThumbnail(png: Uint8Array): Promise<void>;
  /** Whether the broker is connected now; null without one. */
  connected(): boolean | null;
  stop(): void;
}

export async function startFleetScreen(options: FleetScreenOptions): Promise<FleetScreen> {
  const key = await deviceKey(options.secrets);
  const screenId = screenIdOf(key);
  const { school, folder } = options.config;
  const publisher = publicKeyFromText(options.config.publisherKey);
  const paths = fleetPaths(folder);
  const store = await openFleetStore({
    folder, school, mqtt: options.config.mqtt, role: { role: 'screen', screenId }, username: screenId, secrets: options.secrets, log: options.log,
  });
  // Before a roster arrives only the publisher's key may send alerts; then the roster's senders too.
  let roster: Roster = EMPTY_ROSTER;
  let rosterSeq: number | undefined;
  let rosterStamp = '';
  let lastDisplay = '';
  let trust: Trust = fleetTrust(school, publisher, roster);
  const refusals: ScreenStatus['refusals'] = [];
  const refused = (file: string, refusal: string, detail: string) => {
    refusals.unshift({ file, refusal, at: options.now() });
    refusals.splice(20);
    options.log.warn('fleet.refused', { file, refusal, detail });
  };

  async function followRoster(): Promise<void> {
    const stamp = await store.stamp(fleetFile.roster);
    if (!stamp || stamp === rosterStamp) return;
    rosterStamp = stamp;
    const bytes = await store.read(fleetFile.roster, (b) => openRoster(b, { school, publisher, now: options.now() }).ok);
    if (!bytes) return;
    const opened = openRoster(bytes, { school, publisher, now: options.now(), lastSeq: rosterSeq });
    if (!opened.ok) return refused('pub/roster.env', opened.refusal, opened.detail);
    const wasEnrolled = isEnrolled(roster, key.keyId);
    roster = opened.roster;
    rosterSeq = opened.seq;
    trust = fleetTrust(school, publisher, roster);
    if (isEnrolled(roster, key.keyId) !== wasEnrolled) options.onEnrolment?.(info());
    const display = assignedDisplay(roster, screenId);
    const displayKey = JSON.stringify(display);
    if (display.profiles.length > 0 && displayKey !== lastDisplay) options.onDisplay?.(display);
    lastDisplay = displayKey;
    options.log.info('fleet.roster', { seq: opened.seq, screens: roster.screens.length, enrolled: isEnrolled(roster, key.keyId) });
  }

  // Commands (identify, reload, thumbnail) for this screen, each carried out once; none before it is enrolled.
  let commandStamp = '';
  let commandSeq: number | undefined;
  const seenCommands = new Set<string>();
  async function followCommands(): Promise<void> {
    const stamp = await store.stamp(fleetFile.commands);
    if (!stamp || stamp === commandStamp || !isEnrolled(roster, key.keyId)) return;
    commandStamp = stamp;
    const bytes = await store.read(fleetFile.commands, (b) => openEnvelope(b, { trust, kind: 'command', now: options.now() }).ok);
    if (!bytes) return;
    const opened = commandsFor(bytes, { trust, screenId, now: options.now(), lastSeq: commandSeq, seen: seenCommands });
    // Ten quiet minutes leave an expired file: nothing to do, and nothing to report.
    if (!opened.ok) return opened.refusal === 'expired' ? undefined : refused('pub/commands.env', opened.refusal, opened.detail);
    commandSeq = opened.seq;
    for (const command of opened.commands) {
      options.log.info('fleet.command', { action: command.action, id: command.id });
      options.onCommand?.(command.action);
    }
  }

  let thumbnailSeq = 0;
  /** A picture of what the screen shows (the host takes it), signed into the folder for the Screens page. */
  async function storeThumbnail(png: Uint8Array): Promise<void> {
    const now = options.now();
    thumbnailSeq = Math.max(thumbnailSeq + 1, now);
    await writeAtomically(paths.thumbnailOf(screenId), sealThumbnail(png, { school, seq: thumbnailSeq, now }, key));
  }

  const fingerprint = spokenFingerprint(key.publicKey);
  function info(): FleetScreenInfo {
    const enrolled = isEnrolled(roster, key.keyId);
    return {
      screenId, code: fingerprint.slice(0, 9), fingerprint, enrolled,
      name: enrolled ? roster.screens.find((s) => s.id === screenId)?.name ?? null : null,
    };
  }

  let statusSeq = 0;
  async function writeStatus(): Promise<void> {
    const now = options.now();
    statusSeq = Math.max(statusSeq + 1, now);
    const status: ScreenStatus = {
      ...options.health(), screen: screenId, at: now, enrolled: isEnrolled(roster, key.keyId), refusals: [...refusals],
      alertsShown: alerts.shown().map((a) => a.alert.id),
    };
    await store.write(fleetFile.statusOf(screenId), sealStatus(status, { school, seq: statusSeq }, key));
  }

  const alerts = createScreenAlerts({
    folder, store, screenId, school, deviceKey: key, trust: () => trust,
    displayGroup: options.displayGroup, now: options.now,
    onChange: (shown) => {
      options.log.warn('fleet.alerts-shown', { alerts: shown.map((a) => a.alert.id) });
      options.onAlerts(shown.map(alertAnnouncement));
    },
    onRefusal: (r) => refused(r.file, r.refusal, r.detail),
    onFolderError: (error) => options.log.warn('fleet.folder-unreadable', { reason: error.message }),
  });
  // Its enrolment request: the key an administrator approves by comparing the fingerprint the screen shows.
  // With a broker, its password hash too (brokerCredentials.ts): approving the screen lets it onto the broker.
  const broker = options.config.mqtt ? { broker: brokerPasswordHash(await brokerToken(options.secrets)) } : {};
  const request = { id: screenId, publicKey: publicKeyText(key.publicKey), fingerprint, at: options.now(), ...broker };
  const unwritable = (error: Error) => options.log.warn('fleet.folder-unwritable', { reason: error.message });
  await writeAtomically(paths.requestOf(screenId), Buffer.from(JSON.stringify(request, null, 2))).catch(unwritable);
  await followRoster().catch(unwritable);
  alerts.start();
  // Pushed by the broker: looked at now, not at the next tick. Bundles are kept for the sync, which reads them.
  const inbox = options.inbox ? folderStore(options.inbox) : null;
  const unwatch = store.watch((file) => {
    if (file.startsWith(`${fleetFile.alerts}/`)) alerts.wake();
    else if (file === fleetFile.roster) void followRoster().catch(unwritable);
    else if (file === fleetFile.commands) void followCommands().catch(unwritable);
    else if ((file === fleetFile.bundle || file === fleetFile.delta) && inbox) {
      void store.read(file)
        .then((bytes) => bytes && inbox.write(file, bytes))
        .then(() => options.onBundlePushed?.(), (error: Error) => options.log.warn('fleet.inbox-unwritable', { reason: error.message }));
    }
  });
  const rosterTimer = setInterval(() => void followRoster().catch(unwritable), options.rosterMs ?? 5_000);
  const commandTimer = setInterval(() => void followCommands().catch(unwritable), options.commandMs ?? 1_000);
  // The first status soon after the start, then every minute: the Screens page's "online" is under 90 s old.
  const firstStatus = setTimeout(() => void writeStatus().catch(unwritable), 2_000);
  const statusTimer = setInterval(() => void writeStatus().catch(unwritable), options.statusMs ?? 60_000);
  options.log.info('fleet.screen-started', { screenId, folder, via: store.kind });
  return {
    screenId,
    info,
    writeStatus,
    storeThumbnail,
    connected: () => (isMqttStore(store) ? store.connected() : null),
    stop: () => {
      unwatch();
      void store.close();
      alerts.stop();
      clearInterval(rosterTimer);
      clearInterval(commandTimer);
      clearInterval(statusTimer);
      clearTimeout(firstStatus);
    },
  };
}
