import type { z } from 'zod';
import type { Announcement } from '../../../shared/domain';
import type { FleetSourceConfig } from '../../../shared/settings';
import type { Logger } from '../logger';
import type { SecretStore } from '../secrets/secretStore';
import type { AlertMessage } from './alertMessage';
import type { Trust } from './envelope';
import { fleetPaths, writeAtomically } from './fleetFolder';
import { type FleetKeyPair, keyIdOf, keyPairFromPem, newKeyPair, privateKeyPem, publicKeyFromText, publicKeyText, spokenFingerprint } from './keys';
import { createScreenAlerts, type ShownAlert } from './screenAlerts';

/*
 * A kiosk in a school's fleet (docs/fleet.md): its timetable comes through the fleet source like any sync; this is
 * the rest: its own device key, and the emergency alerts it looks for every 250 ms, shows as emergency announcements
 * (which take over the screen) and acknowledges, signed, for the sender's count.
 */

const DEVICE_KEY_SECRET = 'fleet.deviceKey';

/** The screen's own key, from its secret store (made on first start): it signs the screen's acknowledgements. */
export async function deviceKey(secrets: SecretStore): Promise<FleetKeyPair> {
  const stored = await secrets.get(DEVICE_KEY_SECRET);
  if (stored) return keyPairFromPem(stored);
  const pair = newKeyPair();
  await secrets.set(DEVICE_KEY_SECRET, privateKeyPem(pair));
  return pair;
}

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

export interface FleetScreenOptions {
  config: z.infer<typeof FleetSourceConfig>;
  secrets: SecretStore;
  now: () => number;
  log: Logger;
  displayGroup: () => string | null;
  onAlerts: (alerts: readonly Announcement[]) => void;
}

export async function startFleetScreen(options: FleetScreenOptions): Promise<{ stop(): void; screenId: string }> {
  const key = await deviceKey(options.secrets);
  const screenId = screenIdOf(key);
  const publisher = publicKeyFromText(options.config.publisherKey);
  // Until the roster names alert senders, the publisher's key is the one that may send alerts.
  const trust: Trust = { school: options.config.school, keys: new Map([[keyIdOf(publisher), { publicKey: publisher, kinds: ['alert'] }]]), revoked: new Set() };
  const alerts = createScreenAlerts({
    folder: options.config.folder, screenId, school: options.config.school, deviceKey: key, trust: () => trust,
    displayGroup: options.displayGroup, now: options.now,
    onChange: (shown) => {
      options.log.warn('fleet.alerts-shown', { alerts: shown.map((a) => a.alert.id) });
      options.onAlerts(shown.map(alertAnnouncement));
    },
    onRefusal: (r) => options.log.warn('fleet.refused', { file: r.file, refusal: r.refusal, detail: r.detail }),
  });
  // Its enrolment request: the key an administrator approves by comparing the fingerprint the screen shows.
  const request = { id: screenId, publicKey: publicKeyText(key.publicKey), fingerprint: spokenFingerprint(key.publicKey), at: options.now() };
  await writeAtomically(fleetPaths(options.config.folder).requestOf(screenId), Buffer.from(JSON.stringify(request, null, 2)))
    .catch((error: Error) => options.log.warn('fleet.folder-unwritable', { reason: error.message }));
  alerts.start();
  options.log.info('fleet.screen-started', { screenId, folder: options.config.folder });
  return { stop: () => alerts.stop(), screenId };
}
