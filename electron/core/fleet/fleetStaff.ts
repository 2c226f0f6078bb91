import type { FleetOverview } from '../../../shared/contract';
import type { SecretStore } from '../secrets/secretStore';
import type { SettingsStore } from '../settings/store';
import {
  acknowledgements, type AlertRequest, approve, assignProfile, commandScreens, type FleetContext, FleetAdminError, revoke, screenStatuses,
  screenThumbnail, sendFleetAlert, statusCsv, waitingScreens,
} from './fleetAdmin';
import type { FleetCommandName } from '../../../shared/fleet/commands';
import { spokenFingerprint } from './keys';
import { publisherKey } from './storedKeys';

/*
 * The Screens page's side in the core (docs/fleet.md): a staff PC set up as the fleet's publisher desk (settings
 * `fleet`) approves and revokes screens, reads their health and sends alerts, through the same fleet administration
 * as the publisher's command line, signed with the publisher key in this PC's secret store.
 */

export interface FleetStaffOptions {
  settings: SettingsStore;
  secrets: SecretStore;
  dataDir: string;
  now: () => number;
}

export function createFleetStaff(o: FleetStaffOptions) {
  async function context(): Promise<FleetContext> {
    const fleet = o.settings.get().fleet;
    if (!fleet) throw new FleetAdminError('This PC is not set up as the fleet\'s publisher desk (settings: fleet).');
    return { dataDir: o.dataDir, folder: fleet.folder, school: fleet.school, key: await publisherKey(o.secrets), now: o.now };
  }

  return {
    async overview(): Promise<FleetOverview> {
      const profiles = o.settings.get().display.profiles.map((p) => ({ id: p.id, name: p.name, displayGroup: p.displayGroup }));
      if (!o.settings.get().fleet) return { publisher: null, screens: [], waiting: [], profiles };
      const ctx = await context();
      const rows = await screenStatuses(ctx);
      return {
        publisher: { school: ctx.school, folder: ctx.folder, fingerprint: spokenFingerprint(ctx.key.publicKey) },
        screens: rows.map((r) => ({
          id: r.id, name: r.name, profile: r.profile, health: r.health, statusAt: r.status?.at ?? null, version: r.status?.version ?? null,
          dataAsOf: r.status?.dataAsOf ?? null, lastError: r.status?.lastError ?? null, refusals: r.status?.refusals.length ?? 0,
          clockOffsetSeconds: r.clockOffsetSeconds, thumbnailAt: r.thumbnailAt,
        })),
        waiting: (await waitingScreens(ctx)).map((w) => ({ id: w.id, fingerprint: w.fingerprint, at: w.at })),
        profiles,
      };
    },
    approve: async (screenId: string, name: string, profile: string | null) => void (await approve(await context(), screenId, name, profile)),
    revoke: async (screenId: string) => (await revoke(await context(), screenId)).name,
    sendAlert: async (request: AlertRequest) => sendFleetAlert(await context(), request),
    command: async (action: FleetCommandName, screenIds: string[]) => void (await commandScreens(await context(), action, screenIds)),
    assignProfile: async (screenIds: string[], profile: string | null) => assignProfile(await context(), screenIds, profile),
    async thumbnail(screenId: string) {
      const picture = await screenThumbnail(await context(), screenId);
      return picture && { at: picture.at, dataUrl: `data:image/png;base64,${picture.png.toString('base64')}` };
    },
    async statusExport(format: 'csv' | 'json') {
      const rows = await screenStatuses(await context());
      return { text: format === 'csv' ? `${statusCsv(rows).join('\r\n')}\r\n` : JSON.stringify(rows, null, 2) };
    },
    async acknowledgements(alertId: string) {
      const count = await acknowledgements(await context(), alertId);
      return { shown: count.shown.length, total: count.total, missing: count.missing.map((m) => m.name) };
    },
  };
}

export type FleetStaff = ReturnType<typeof createFleetStaff>;
