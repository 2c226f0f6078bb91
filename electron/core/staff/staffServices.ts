import { AUDIT_SECRET_PREFIX } from '../audit/auditKeyring';
import type { AuditKeyring } from '../audit/auditLog';
import type { EventName, EventPayload } from '@shared/contract';
import { CallFailure } from '../api/callFailure';
import type { StaffServices } from '../api/staffHandlers';
import { createAuditLog } from '../audit/auditLog';
import { createAccounts } from '../auth/accounts';
import { createAuthService } from '../auth/authService';
import { createAccountImport } from '../auth/import/importAccounts';
import { createProviderClient } from '../auth/schoolSignIn/providerClient';
import { createSchoolSignIn } from '../auth/schoolSignIn/schoolSignIn';
import { createSessions } from '../auth/sessions';
import type { Clock } from '../clock';
import { createFleetStaff } from '../fleet/fleetStaff';
import { createSchoolAuditLog } from '../fleet/schoolAudit/schoolAuditLog';
import { createSchoolSettingsExchange } from './schoolSettingsExchange';
import type { CacheDb } from '../db/open';
import type { Logger } from '../logger';
import { importPhotos } from '../photos/importPhotos';
import { createSearchIndex } from '../search/searchIndex';
import type { SecretStore } from '../secrets/secretStore';
import type { SettingsStore } from '../settings/store';
import type { SyncEngine } from '../sync/engine';
import { SourceError } from '../sync/errors';
import { linkZermelo } from '../sources/zermelo';
import { createPrivacy } from './privacy';
import { createPupils } from './pupils';
import { createTimetables } from './timetables';

import type { FleetBrokerLink } from '../fleet/fleetStaff';

export interface StaffServicesOptions {
  cache: CacheDb;
  /** The durable records database: accounts, the audit log, erased pupils. */
  records: CacheDb;
  settings: SettingsStore;
  secrets: SecretStore;
  /** The machine's data folder: the fleet roster is kept there (fleet/fleetAdmin.ts). */
  dataDir: string;
  /** Keys the audit chain and keeps its anchor outside the records database (auditKeyring.ts). */
  auditKeyring: AuditKeyring | null;
  clock: Clock;
  log: Logger;
  zone: () => string;
  engine: () => SyncEngine;
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
  /** The HTTP client for the school's sign-in provider (tests pass one that changes what the provider answered). */
  oidcFetch?: typeof fetch;
  /** The publisher desk's broker, once started (fleet/mqtt/publisherBroker.ts). */
  fleetBroker?: () => FleetBrokerLink | null;
}

/** Everything a staff PC has beyond a kiosk: sign-in, the audit log, pupils, search, photos, privacy, the source. */
export function createStaffServices(o: StaffServicesOptions): StaffServices {
  const { cache, records, settings, clock } = o;
  const audit = createAuditLog(records, clock.now, o.auditKeyring);
  const idleMinutes = () => settings.get().staff.idleLockMinutes;
  const accounts = createAccounts(records);
  // The page locks at the idle limit; the server allows a minute more, so the two never race.
  const sessions = createSessions(clock.now, () => (idleMinutes() + 1) * 60_000);
  const schoolSettings = () => settings.get().staff.schoolSignIn;
  const auth = createAuthService({
    accounts, sessions, audit, now: clock.now, idleLockMinutes: idleMinutes,
    schoolSignIn: () => {
      const s = schoolSettings();
      return s ? { preset: s.preset } : null;
    },
  });
  const pupils = createPupils(cache);

  void audit.verify().then((check) => {
    if (!check.ok) o.log.error('audit.chain-broken', { brokenAt: check.brokenAt });
    o.log.info('audit.anchor', { entries: check.checked });
  });

  return {
    cache, auth, audit, pupils,
    accountImport: createAccountImport({ accounts, sessions, audit, now: clock.now }),
    schoolSignIn: createSchoolSignIn({
      settings: schoolSettings, secret: (name) => o.secrets.get(name), provider: createProviderClient(o.oidcFetch ? { fetch: o.oidcFetch } : {}),
      accounts, auth, audit, now: clock.now,
    }),
    timetables: createTimetables(cache, o.zone),
    privacy: createPrivacy(cache, records, pupils, audit, clock.now, o.log),
    search: createSearchIndex(cache),
    importPhotos,
    now: clock.now,
    zone: o.zone,
    onImportProgress: (done, total) => o.emit('photos.progress', { done, total }),
    schoolSettings: createSchoolSettingsExchange({ accounts, sessions, audit, settings, secrets: o.secrets, now: clock.now, log: o.log }),
    fleet: createFleetStaff({
      settings, secrets: o.secrets, dataDir: o.dataDir, now: clock.now, schoolAudit: createSchoolAuditLog(records), broker: o.fleetBroker,
    }),
    sources: {
      get: async () => ({
        source: settings.get().source,
        // The audit chain's key and anchor live in the same store; they are not a source's.
        secretsSet: (await o.secrets.names()).filter((n) => !n.startsWith(AUDIT_SECRET_PREFIX)),
        status: o.engine().status(),
      }),
      set(source) {
        settings.update({ source });
        void o.engine().trigger('manual');
      },
      setSecret: (name, value) => o.secrets.set(name, value),
      async linkZermelo(portal, koppelcode, tokenName) {
        try {
          await o.secrets.set(tokenName, await linkZermelo(portal, koppelcode));
        } catch (error) {
          if (error instanceof SourceError) throw new CallFailure('UNAVAILABLE', error.message);
          throw error;
        }
      },
    },
  };
}
