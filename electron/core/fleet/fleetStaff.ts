import type { FleetOverview } from '@shared/contract';
import type { FleetCommandName } from '@shared/fleet/commands';
import type { SecretStore } from '../secrets/secretStore';
import type { SettingsStore } from '../settings/store';
import {
  acknowledgements, addSender, type AlertRequest, approve, boardStatuses, assignProfile, commandScreens, type FleetContext, FleetAdminError, loadRoster,
  removeSender, revoke, screenStatuses, screenThumbnail, sendFleetAlert, statusCsv, type StatusRow, waitingScreens,
} from './fleetAdmin';
import { alertFromCap, fetchCap } from './capAlert';
import { keyIdOf, publicKeyFromText, publicKeyText, spokenFingerprint } from './keys';
import { EMPTY_ROSTER, openRoster, type Roster } from './roster';
import { publisherKey, senderKey } from './storedKeys';
import type { SchoolAuditLog } from './schoolAudit/schoolAuditLog';
import type { BoardSchool } from './mqtt/publisherBroker';
import { fleetFile, type FleetStore } from './store/fleetStore';
import { storeFor } from './store/folderStore';
import { isMqttStore } from './store/openFleetStore';
import { approveStaffPc, isStaffPcId, revokeStaffPc, waitingStaffPcs } from './staffPc/staffPcAdmin';
import { publisherAuditKey } from './staffPc/staffPcKeys';
import { x25519Text } from './staffBundle/sealed';

/*
 * The Screens page's side in the core (docs/fleet.md). A staff PC set up as the fleet's publisher desk (settings
 * `fleet`, role publisher) approves and revokes screens, sends them commands, keeps the alert senders, reads every
 * screen's health and sends alerts, signed with the publisher key in this PC's secret store. A PC set up as an alert
 * sender (role sender: reception, the principal's office) sends alerts with a key of its own and watches their count
 * against the roster the publisher signed; it needs neither the publisher nor any server, only the folder.
 */

export interface FleetStaffOptions {
  settings: SettingsStore;
  secrets: SecretStore;
  dataDir: string;
  /** The school's audit log, kept in this PC's records (only the publisher desk fills it). */
  schoolAudit: SchoolAuditLog;
  now: () => number;
  /** The publisher desk's broker connection, once started (mqtt/publisherBroker.ts); none: the folder alone. */
  broker?: () => FleetBrokerLink | null;
}

/**
 * This PC's connection to the fleet's broker, once started: the publisher desk's (mqtt/publisherBroker.ts, with the
 * roster's users and the board) or an alert sender's (mqtt/senderBroker.ts, its store only). None: the folder alone.
 */
export interface FleetBrokerLink {
  store: FleetStore;
  afterRoster?: (roster: Roster) => Promise<void>;
  board?: BoardSchool[];
}

const onlyThePublisher = () => new FleetAdminError("Only the publisher's desk does that; this PC sends alerts only.");

export function createFleetStaff(o: FleetStaffOptions) {
  function setup() {
    const fleet = o.settings.get().fleet;
    if (!fleet) throw new FleetAdminError('This PC is not set up for the fleet (settings: fleet): see the README, "Rolling out to a school".');
    return fleet;
  }

  async function context(): Promise<FleetContext> {
    const fleet = setup();
    const key = fleet.role === 'sender' ? await senderKey(o.secrets) : await publisherKey(o.secrets);
    const broker = o.broker?.() ?? null;
    return { dataDir: o.dataDir, folder: fleet.folder, school: fleet.school, key, now: o.now, store: broker?.store, afterRoster: broker?.afterRoster };
  }

  /** The publisher's desk: the roster it keeps. A sender: the roster the publisher signed into the folder. */
  async function roster(ctx: FleetContext): Promise<{ roster: Roster; problem: string | null }> {
    const fleet = setup();
    if (fleet.role === 'publisher') return { roster: loadRoster(ctx), problem: null };
    const publisher = publicKeyFromText(fleet.publisherKey!);
    const bytes = await storeFor(ctx).read(fleetFile.roster, (b) => openRoster(b, { school: ctx.school, publisher, now: o.now() }).ok).catch((error: Error) => {
      throw new FleetAdminError(`the fleet folder cannot be read: ${error.message}`);
    });
    if (!bytes) return { roster: EMPTY_ROSTER, problem: 'no roster in the fleet folder yet' };
    const opened = openRoster(bytes, { school: ctx.school, publisher, now: o.now() });
    return opened.ok ? { roster: opened.roster, problem: null } : { roster: EMPTY_ROSTER, problem: `the roster was refused (${opened.refusal})` };
  }

  async function publisherOnly(): Promise<FleetContext> {
    if (setup().role !== 'publisher') throw onlyThePublisher();
    return context();
  }

  /** Whether the desk's broker is connected now (null: none set). */
  function brokerState() {
    const mqtt = setup().mqtt;
    const store = o.broker?.()?.store;
    return mqtt ? { url: mqtt.url, embedded: mqtt.embedded, connected: store !== undefined && isMqttStore(store) && store.connected() } : null;
  }

  /** The board's other schools this desk watches through the broker (settings fleet.mqtt.board). */
  const boardView = async () => Promise.all((setup().role === 'publisher' ? o.broker?.()?.board ?? [] : []).map((b) => boardStatuses(b, o.now)));

  const screenRow = (r: StatusRow): FleetOverview['screens'][number] => ({
    id: r.id, name: r.name, profile: r.profile, health: r.health, statusAt: r.status?.at ?? null, version: r.status?.version ?? null,
    dataAsOf: r.status?.dataAsOf ?? null, lastError: r.status?.lastError ?? null, refusals: r.status?.refusals.length ?? 0,
    clockOffsetSeconds: r.clockOffsetSeconds, thumbnailAt: r.thumbnailAt, offline: r.offline,
  });

  return {
    async overview(): Promise<FleetOverview> {
      const fleet = o.settings.get().fleet;
      const profiles = o.settings.get().display.profiles.map((p) => ({ id: p.id, name: p.name, displayGroup: p.displayGroup }));
      if (!fleet) return { publisher: null, sender: null, screens: [], waiting: [], profiles, senders: [], staffPcs: [], board: [] };
      const ctx = await context();
      const { roster: current, problem } = await roster(ctx);
      const screens = (await screenStatuses(ctx, current)).map(screenRow);
      const fingerprint = spokenFingerprint(ctx.key.publicKey);
      if (fleet.role === 'sender') {
        return {
          publisher: null, screens, waiting: [], senders: [], staffPcs: [], board: [],
          profiles: current.profiles.map((p) => ({ id: p.id, name: p.name, displayGroup: p.displayGroup })),
          sender: {
            school: ctx.school, folder: ctx.folder, fingerprint, publicKey: publicKeyText(ctx.key.publicKey), rosterProblem: problem,
            listed: current.senders.some((s) => s.publicKey === publicKeyText(ctx.key.publicKey)) && !current.revoked.includes(keyIdOf(ctx.key.publicKey)),
          },
        };
      }
      return {
        publisher: { school: ctx.school, folder: ctx.folder, fingerprint, broker: brokerState() },
        sender: null,
        screens,
        waiting: [
          ...(await waitingScreens(ctx)).filter((w) => !isStaffPcId(w.id)).map((w) => ({ id: w.id, kind: 'screen' as const, fingerprint: w.fingerprint, at: w.at })),
          ...(await waitingStaffPcs(ctx)).map((w) => ({ id: w.id, kind: 'staff-pc' as const, fingerprint: w.fingerprint, at: w.at })),
        ],
        staffPcs: current.staffPcs.map((pc) => ({ id: pc.id, name: pc.name, approvedAt: pc.approvedAt, revokedAt: pc.revokedAt })),
        profiles,
        senders: current.senders.map((s) => ({ name: s.name, publicKey: s.publicKey, fingerprint: spokenFingerprint(publicKeyFromText(s.publicKey)) })),
        board: (await boardView()).map((b) => ({ school: b.school, problem: b.problem, screens: b.rows.map(screenRow) })),
      };
    },
    // A staff PC is approved and revoked on the same page as a screen; its id says which it is (pc-...).
    approve: async (screenId: string, name: string, profile: string | null) => {
      const ctx = await publisherOnly();
      if (!isStaffPcId(screenId)) return void (await approve(ctx, screenId, name, profile));
      await approveStaffPc(ctx, screenId, name, x25519Text((await publisherAuditKey(o.secrets)).publicKey));
    },
    revoke: async (screenId: string) => {
      const ctx = await publisherOnly();
      return (await (isStaffPcId(screenId) ? revokeStaffPc(ctx, screenId) : revoke(ctx, screenId))).name;
    },
    /** The school's audit log: what the staff PCs forwarded since last time is taken first, then the entries asked for. */
    async schoolAudit(filter: { pc?: string; actor?: string; pupil?: string; actions?: readonly string[]; from?: number; to?: number; limit: number }) {
      const ctx = await publisherOnly();
      const auditKey = (await publisherAuditKey(o.secrets)).privateKey;
      const { problems } = await o.schoolAudit.collect(ctx, loadRoster(ctx), auditKey);
      const entries = o.schoolAudit.query({ ...filter, subject: filter.pupil }, filter.limit);
      const verified = o.schoolAudit.verify();
      return { entries: entries.map(({ hash: _hash, ...e }) => e), problems, verified };
    },
    command: async (action: FleetCommandName, screenIds: string[]) => void (await commandScreens(await publisherOnly(), action, screenIds)),
    assignProfile: async (screenIds: string[], profile: string | null) => assignProfile(await publisherOnly(), screenIds, profile),
    addSender: async (name: string, publicKey: string) => addSender(await publisherOnly(), name, publicKey),
    removeSender: async (publicKey: string) => (await removeSender(await publisherOnly(), publicKey)).name,
    sendAlert: async (request: AlertRequest) => sendFleetAlert(await context(), request),
    /** A CAP 1.2 alert, read for the administrator to check before sending it as any alert is sent. */
    readCap: (input: { xml: string } | { url: string }) => ('xml' in input ? Promise.resolve(alertFromCap(input.xml, o.now())) : fetchCap(input.url, o.now())),
    async thumbnail(screenId: string) {
      const picture = await screenThumbnail(await publisherOnly(), screenId);
      return picture && { at: picture.at, dataUrl: `data:image/png;base64,${picture.png.toString('base64')}` };
    },
    /** Every screen's status, this school's and, on a board's desk, every other school's it watches. */
    async statusExport(format: 'csv' | 'json') {
      const ctx = await context();
      const schools = [{ school: ctx.school, problem: null, rows: await screenStatuses(ctx, (await roster(ctx)).roster) }, ...await boardView()];
      return { text: format === 'csv' ? `${statusCsv(schools).join('\r\n')}\r\n` : JSON.stringify(schools, null, 2) };
    },
    async acknowledgements(alertId: string) {
      const ctx = await context();
      const count = await acknowledgements(ctx, alertId, (await roster(ctx)).roster);
      return { shown: count.shown.length, total: count.total, missing: count.missing.map((m) => m.name) };
    },
  };
}

export type FleetStaff = ReturnType<typeof createFleetStaff>;
