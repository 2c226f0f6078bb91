import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type EventName, type EventPayload, fail, type FleetScreenInfo } from '@shared/contract';
import type { SourceConfig } from '@shared/settings';
import type { Announcement } from '@shared/domain';
import type { Provisioning } from '@shared/provisioning';
import { createDispatcher, type Dispatch, type ResolveCaller } from './api/dispatcher';
import type { StaffServices } from './api/staffHandlers';
import { openRecords, RECORDS_FILE } from './records/openRecords';
import { type CoreServices, createHandlers } from './api/handlers';
import type { Core, CoreEventListener, CoreOptions } from './app.types';
import { openCache, type CacheDb } from './db/open';
import { operatingState } from '@shared/display/operatingHours';
import { activeProfile } from './display/activeProfile';
import { startFleetScreen } from './fleet/fleetScreen';
import { createPublishLoop } from './fleet/publishLoop';
import { publisherKey, senderKey } from './fleet/storedKeys';
import { logRefusedAnnouncements, readProvisioning, watchProvisioning } from './provisioning/provisioningFile';
import { readDataAsOf, schoolZone } from './services/referenceData';
import { openAuditKeyring } from './audit/auditKeyring';
import { createStaffServices } from './staff/staffServices';
import { startStaffPc } from './fleet/staffPc/startStaffPc';
import { attachPublisherBroker } from './fleet/mqtt/publisherBroker';
import { openSenderStore } from './fleet/mqtt/senderBroker';
import type { FleetBrokerLink } from './fleet/fleetStaff';
import { readAllPhotos } from './photos/readAllPhotos';
import { createSyncEngine, type SyncEngine } from './sync/engine';
import { secretNamesOf, sourceId } from './sources';
import { createSyncWorkerHost, type SyncWorkerHost } from './sync/worker/host';
import { purgePersonalData, rewriteLessonsInKioskForm } from './sync/writer';

export type { Core, CoreOptions } from './app.types';

export const CACHE_FILE = 'cache.db';

/**
 * The whole of Gangbord's behaviour behind one object, for any host: Electron main binds `dispatch` to IPC, the
 * web host to HTTP. Nothing here knows which host it runs in.
 */
export function createCore(options: CoreOptions): Core {
  const { mode, clock, log, settings } = options;
  const scope = mode === 'kiosk' ? 'kiosk' : 'staff';
  const dbFile = join(options.dataDir, CACHE_FILE);
  // Our own copy: the host may wipe its buffer; this one is wiped on stop.
  const key = Buffer.from(options.key);
  const listeners = new Set<CoreEventListener>();
  const profileOverride = { current: options.profileOverride ?? null };
  let provisioned: readonly Announcement[] = [];
  /** A fleet screen's emergency alerts, shown beside the cache's announcements (docs/fleet.md). */
  let fleetAlerts: readonly Announcement[] = [];
  let fleetInfo: (() => FleetScreenInfo) | null = null;
  let fleetThumbnail: ((png: Uint8Array) => Promise<void>) | null = null;
  let fleetBroker: FleetBrokerLink | null = null;
  let db: CacheDb | null = null;
  let records: CacheDb | null = null;
  let staff: StaffServices | null = null;
  let services: CoreServices | null = null;
  let dispatchReady: Dispatch | null = null;
  let engine: SyncEngine | null = null;
  let worker: SyncWorkerHost | null = null;
  const stops: (() => void)[] = [];

  const emit = <N extends EventName>(name: N, payload: EventPayload<N>) => {
    for (const listener of listeners) {
      try {
        listener(name, payload);
      } catch (error) {
        log.error('event.listener-failed', { event: name, error });
      }
    }
  };

  function openTheCache(): CacheDb {
    const opendb = openCache({ file: dbFile, key, nativeBinding: options.nativeBinding, log, now: clock.now }).db;
    const previousScope = (opendb.prepare("SELECT value FROM meta WHERE key = 'scope'").get() as { value: string } | undefined)?.value;
    if (scope === 'kiosk' && previousScope === 'staff') {
      // This machine was a staff PC and is now a kiosk: personal data must go before anything is shown.
      opendb.transaction(() => {
        purgePersonalData(opendb);
        rewriteLessonsInKioskForm(opendb);
        opendb.prepare("UPDATE meta SET value = 'kiosk' WHERE key = 'scope'").run();
      }).immediate();
      opendb.exec('VACUUM');
      log.warn('cache.personal-data-removed', { reason: 'switched from staff to kiosk mode' });
    }
    return opendb;
  }

  /** Settings sections from the file replace the machine's own; its announcements show beside the cache's. */
  function applyProvisioning(p: Provisioning, initial: boolean) {
    const before = settings.get();
    const sections = { ...p.settings };
    if (mode === 'staff' && sections.source !== undefined) {
      // A staff PC sends its stored credentials to its source and fetches pupils from it: only an administrator,
      // signed in on this PC, may point it elsewhere. A file on a share could otherwise redirect both.
      delete sections.source;
      log.warn('provisioning.section-ignored', { section: 'source', reason: 'a staff PC takes its source from an administrator only' });
    }
    if (Object.keys(sections).length > 0) settings.update(sections);
    provisioned = p.announcements;
    if (initial) return;
    const after = settings.get();
    if (JSON.stringify(after.sync) !== JSON.stringify(before.sync)) engine?.restartSchedule();
    if (JSON.stringify(after.display) !== JSON.stringify(before.display)) {
      emit('display.changed', { profileId: after.display.active ?? after.display.profiles[0]?.id ?? 'default' });
    }
    emit('data.changed', { at: clock.now(), source: 'provisioning' });
  }

  async function secretsFor(source = settings.get().source): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const name of secretNamesOf(source)) {
      const value = await options.secrets.get(name);
      if (value !== null) out[name] = value;
    }
    return out;
  }

  return {
    mode,
    dispatch(caller, name, input) {
      return dispatchReady ? dispatchReady(caller, name, input) : Promise.resolve(fail('UNAVAILABLE', 'Gangbord is still starting; try again in a moment.'));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      if (options.provisioningFile && existsSync(options.provisioningFile)) {
        // A broken file at start is logged and skipped: the machine runs on its own settings meanwhile.
        try {
          const p = readProvisioning(options.provisioningFile);
          applyProvisioning(p, true);
          logRefusedAnnouncements(options.provisioningFile, p, log);
          log.info('provisioning.applied', { file: options.provisioningFile });
        } catch (error) {
          log.error('provisioning.rejected', { file: options.provisioningFile, reason: (error as Error).message });
        }
      }
      const opened = (db = openTheCache());
      let resolve: ResolveCaller | undefined;
      if (mode === 'staff') {
        // Accounts and the audit log: their own durable file, which is never rebuilt. A failure here stops the start.
        records = openRecords(options.dataDir, key, log, options.nativeBinding);
        staff = createStaffServices({
          fleetBroker: () => fleetBroker,
          cache: opened,
          records,
          settings,
          secrets: options.secrets,
          dataDir: options.dataDir,
          auditKeyring: await openAuditKeyring(options.secrets),
          clock,
          log,
          emit,
          zone: () => schoolZone(opened, settings.get()),
          engine: () => syncEngine,
          oidcFetch: options.oidcFetch,
        });
        resolve = staff.auth.resolve;
      } else if (existsSync(join(options.dataDir, RECORDS_FILE))) {
        // Staff accounts and the audit log from when this machine was a staff PC. A kiosk never opens them, and does
        // not delete them either (the audit log is the school's evidence of who looked at whom): an administrator
        // archives or removes the file. Said at every start until then.
        log.warn('records.left-from-staff-mode', { file: RECORDS_FILE, advice: 'archive or remove it; a kiosk does not use it' });
      }
      // A kiosk on a fleet broker keeps what is pushed to it here, in its own data (bundles are pupil-free and signed).
      const fleetInboxOf = (source: SourceConfig | null) => (mode === 'kiosk' && source?.type === 'fleet' && source.mqtt ? join(options.dataDir, 'fleet-inbox') : undefined);
      const syncWorker = (worker = createSyncWorkerHost({ script: options.workerScript, dbFile, key, nativeBinding: options.nativeBinding, log }));
      const syncEngine = (engine = createSyncEngine({
        clock,
        log,
        settings: () => settings.get(),
        sourceId: () => sourceId(settings.get().source),
        lastSuccessAt: () => readDataAsOf(opened),
        runJob: async (hooks) =>
          syncWorker.run(
            {
              source: settings.get().source,
              scope,
              now: clock.now(),
              zone: settings.get().zone,
              secrets: await secretsFor(),
              erasedPupils: staff?.privacy.erasedHashes() ?? [],
              pastTimetableDays: settings.get().retention.pastTimetableDays,
              fleetInbox: fleetInboxOf(settings.get().source),
            },
            { progress: hooks.progress, signal: hooks.signal },
          ),
        onStatus: (status) => emit('sync.status', status),
        onDataChanged: (at, source) => {
          services?.invalidate();
          emit('data.changed', { at, source });
        },
      }));
      services = createHandlers({
        mode, version: options.version, clock, settings, db: opened, engine: syncEngine, profileOverride,
        extraAnnouncements: () => (fleetAlerts.length ? [...provisioned, ...fleetAlerts] : provisioned),
        fleetScreen: () => fleetInfo?.() ?? null,
        onDisplayChanged: (profile) => emit('display.changed', { profileId: profile.id }),
        staff,
        testSource: async (source, typedSecrets) => {
          const config = source === undefined ? settings.get().source : source;
          // What the form typed wins over what is stored, for this test only: only Save stores a credential.
          const secrets = { ...(await secretsFor(config)), ...typedSecrets };
          return syncWorker.test({ source: config, scope, now: clock.now(), zone: settings.get().zone, secrets, erasedPupils: [] });
        },
      });
      dispatchReady = createDispatcher(mode, services.handlers, log, resolve);
      const source = settings.get().source;
      if (mode === 'kiosk' && source?.type === 'fleet') {
        const fleet = await startFleetScreen({
          config: source, secrets: options.secrets, now: () => clock.now(), log,
          // A bundle the broker pushed is synced now, from the screen's inbox, not at the next scheduled sync.
          inbox: fleetInboxOf(source), onBundlePushed: () => void syncEngine.trigger('pushed'),
          displayGroup: () => activeProfile(settings.get(), profileOverride.current).displayGroup,
          onAlerts: (alerts) => {
            fleetAlerts = alerts;
            emit('data.changed', { at: clock.now(), source: 'fleet-alert' });
          },
          onEnrolment: () => emit('data.changed', { at: clock.now(), source: 'fleet-roster' }),
          // Identify and reload are the page's to carry out, a thumbnail the host's (the desktop app takes the picture).
          onCommand: (action) => emit('fleet.command', { action }),
          // The roster's profiles and the one it assigns this screen replace the screen's own, as a provisioning file's do.
          onDisplay: ({ profiles, active }) => {
            settings.update({ display: { ...settings.get().display, profiles, active } });
            emit('display.changed', { profileId: activeProfile(settings.get(), profileOverride.current).id });
          },
          health: () => {
            const profile = activeProfile(settings.get(), profileOverride.current);
            return {
              version: options.version, profile: profile.id, dataAsOf: readDataAsOf(opened), lastError: syncEngine.status().lastError?.message ?? null,
              screenOn: operatingState(profile.hours, clock.now(), settings.get().zone).on,
            };
          },
        });
        fleetInfo = fleet.info;
        fleetThumbnail = fleet.storeThumbnail;
        stops.push(fleet.stop);
      }
      if (mode === 'staff' && source?.type === 'fleet' && staff) {
        // A staff PC in the fleet (docs/fleet.md): pupils and photos from the publisher's staff bundles, sealed for it
        // once an administrator approved it; its audit entries forwarded to the school's log.
        const pc = await startStaffPc({
          config: source, secrets: options.secrets, audit: staff.audit, now: () => clock.now(), log, forwardEveryMs: options.fleetAuditEveryMs,
          onSchoolSettings: (body) => void staff!.schoolSettings.take(body).catch((error: Error) => log.error('fleet.school-settings-failed', { reason: error.message })),
          // Revoked: what a kiosk may not keep, this PC no longer may either (the timetable by codes stays).
          onRevoked: () => {
            purgePersonalData(opened);
            staff!.audit.append('system', 'fleet.change', null, 'this PC was revoked as a staff PC: its pupils and photos were removed');
            services?.invalidate();
            emit('data.changed', { at: clock.now(), source: 'fleet-revoked' });
          },
        });
        fleetInfo = pc.info;
        stops.push(pc.stop);
      }
      const desk = settings.get().fleet;
      const deskContext = async () => ({
        dataDir: options.dataDir, folder: desk!.folder, school: desk!.school, key: await publisherKey(options.secrets), now: () => clock.now(),
        store: fleetBroker?.store, afterRoster: fleetBroker?.afterRoster,
      });
      if (mode === 'staff' && desk?.role === 'publisher' && desk.mqtt) {
        // The fleet's broker (docs/fleet-mqtt.md): the desk's connection, and the broker itself when it runs one.
        const started = await attachPublisherBroker(await deskContext(), { mqtt: desk.mqtt, secrets: options.secrets, log });
        fleetBroker = started;
        stops.push(() => void started.stop());
      }
      if (mode === 'staff' && desk?.role === 'sender' && desk.mqtt) {
        // An alert sender on the broker: its alerts pushed, the acknowledgements as they come (mqtt/senderBroker.ts).
        const key = await senderKey(options.secrets);
        const store = await openSenderStore({ folder: desk.folder, school: desk.school, mqtt: desk.mqtt, key, secrets: options.secrets, log });
        fleetBroker = { store };
        stops.push(() => void store.close());
      }
      if (mode === 'staff' && desk?.role === 'publisher' && options.autoSync !== false) {
        // The fleet's publisher desk publishes too (docs/fleet.md): the screens' bundles from this PC's own source, and
        // the staff bundles with the photos imported on this PC.
        const loop = createPublishLoop({
          fleet: await deskContext(),
          settings: () => settings.get(), secrets: options.secrets, log, intervalMs: desk.publishEverySeconds * 1000,
          photos: () => readAllPhotos(opened),
          schoolSettings: () => staff!.schoolSettings.toSend(),
          erasedPupils: () => staff!.privacy.erasedHashes(),
        });
        loop.start();
        stops.push(() => void loop.stop());
      }
      if (options.provisioningFile) stops.push(watchProvisioning(options.provisioningFile, log, (p) => applyProvisioning(p, false)));
      if (options.autoSync !== false) {
        syncEngine.start();
        void syncEngine.trigger('startup');
      }
      log.info('core.started', { mode, dataDir: options.dataDir });
    },
    storeThumbnail: (png) => (fleetThumbnail ? fleetThumbnail(png) : Promise.resolve()),
    isFleetScreen: () => fleetThumbnail !== null,
    syncNow: () => {
      if (!engine) return Promise.reject(new Error('the core is not started'));
      return engine.trigger('manual');
    },
    async stop() {
      for (const stop of stops.splice(0)) stop();
      dispatchReady = null;
      await engine?.stop();
      engine = null;
      await worker?.close();
      worker = null;
      db?.close();
      db = null;
      // The audit anchor's last checkpoint is written before the records close (docs/security-accounts.md §5).
      await staff?.audit.flush();
      records?.close();
      records = null;
      staff = null;
      services = null;
      key.fill(0);
      listeners.clear();
    },
  };
}
