import type { KeyObject } from 'node:crypto';
import { AlertAck, type AlertMessage } from './alertMessage';
import { bodyJson, openEnvelope, sealEnvelope, type Trust } from './envelope';
import { fleetFile, type FleetStore } from './store/fleetStore';
import { storeFor } from './store/folderStore';
import type { FleetKeyPair } from './keys';

/*
 * An alert sender's side (docs/fleet.md): a staff PC the roster lists as a sender writes its alert to
 * pub/alerts/<its key id>.env and counts the screens' signed acknowledgements. It needs neither the publisher
 * nor any server: the folder is all.
 */

export interface SendAlertInput {
  folder: string;
  store?: FleetStore;
  school: string;
  key: FleetKeyPair;
  /** Above every earlier one from this sender: the time in ms serves, since a sender sends at most one a ms. */
  seq: number;
  alert: AlertMessage;
}

export async function sendAlert(input: SendAlertInput): Promise<void> {
  const { alert } = input;
  const envelope = sealEnvelope({
    kind: 'alert', school: input.school, seq: input.seq, issuedAt: alert.sentAt, notAfter: alert.expiresAt,
    body: Buffer.from(JSON.stringify(alert)),
  }, input.key);
  await storeFor(input).write(fleetFile.alertOf(input.key.keyId), envelope);
}

export interface RosterScreen {
  id: string;
  name: string;
  keyId: string;
  publicKey: KeyObject;
}

export interface AckCount {
  /** Screens that show the alert, with when they showed it. */
  shown: { id: string; name: string; shownAt: number }[];
  /** Screens that have not said so (yet). */
  missing: { id: string; name: string }[];
  /** Acknowledgement files that were refused (another screen's key, a bad signature): the screen counts as missing. */
  refused: { id: string; refusal: string }[];
}

/**
 * Which screens show alert `alertId` from `sender`: each screen's ack.env, opened with that screen's own key only,
 * so a file one screen wrote in another's folder counts for neither.
 */
export async function countAcknowledgements(
  store: FleetStore,
  school: string,
  screens: readonly RosterScreen[],
  sender: string,
  alertId: string,
  now: number,
): Promise<AckCount> {
  const result: AckCount = { shown: [], missing: [], refused: [] };
  await Promise.all(
    screens.map(async (screen) => {
      const trust: Trust = { school, keys: new Map([[screen.keyId, { publicKey: screen.publicKey, kinds: ['ack'] }]]), revoked: new Set() };
      const bytes = await store.read(fleetFile.ackOf(screen.id), (b) => openEnvelope(b, { trust, kind: 'ack', now }).ok).catch(() => null);
      if (!bytes) return void result.missing.push({ id: screen.id, name: screen.name });
      const opened = openEnvelope(bytes, { trust, kind: 'ack', now });
      const ack = opened.ok ? AlertAck.safeParse(bodyJson(opened.body)) : null;
      if (!opened.ok || !ack?.success || ack.data.screen !== screen.id) {
        result.refused.push({ id: screen.id, refusal: opened.ok ? 'malformed' : opened.refusal });
        return void result.missing.push({ id: screen.id, name: screen.name });
      }
      const match = ack.data.alerts.find((a) => a.sender === sender && a.id === alertId);
      if (match) result.shown.push({ id: screen.id, name: screen.name, shownAt: match.shownAt });
      else result.missing.push({ id: screen.id, name: screen.name });
    }),
  );
  result.shown.sort((a, b) => a.id.localeCompare(b.id));
  result.missing.sort((a, b) => a.id.localeCompare(b.id));
  return result;
}
