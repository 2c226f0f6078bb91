import { join } from 'node:path';
import type { EventName, EventPayload, SyncStatus } from '../../shared/contract';
import { CallFailure } from './api/callFailure';
import { createDispatcher, type Handlers } from './api/dispatcher';
import type { Core, CoreEventListener, CoreOptions } from './app.types';
import { openCache, type CacheDb } from './db/open';
import { currentAnnouncements } from './services/announcements';
import { createKioskBoard, type KioskBoard } from './services/kioskBoard';
import { readDataAsOf, readRooms, readSchool } from './services/referenceData';
import { createSyncEngine, type SyncEngine } from './sync/engine';
import { sourceId } from './sync/sources';
import { createSyncWorkerHost, type SyncWorkerHost } from './sync/worker/host';
import { purgePersonalData } from './sync/writer';

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
  let db: CacheDb | null = null;
  let board: KioskBoard | null = null;
  let engine: SyncEngine | null = null;
  let worker: SyncWorkerHost | null = null;

  const emit = <N extends EventName>(name: N, payload: EventPayload<N>) => {
    for (const listener of listeners) {
      try {
        listener(name, payload);
      } catch (error) {
        log.error('event.listener-failed', { event: name, error });
      }
    }
  };

  const cache = (): CacheDb => {
    if (!db) throw new CallFailure('UNAVAILABLE', 'Gangbord is still starting; try again in a moment.');
    return db;
  };
  const zone = () => (db ? readSchool(db, { name: '', zone: settings.get().zone }).zone : settings.get().zone);
  const syncStatus = (): SyncStatus => {
    if (!engine) throw new CallFailure('UNAVAILABLE', 'Gangbord is still starting; try again in a moment.');
    return engine.status();
  };

  const handlers: Handlers = {
    'app.info': () => ({
      mode,
      version: options.version,
      school: readSchool(cache(), { name: 'Gangbord', zone: settings.get().zone }),
      locale: settings.get().locale,
      clock: { now: clock.now(), rate: clock.rate },
    }),
    'clock.now': () => ({ now: clock.now(), rate: clock.rate }),
    'kiosk.nowNext': (input) => {
      cache();
      return board!.nowNext(input.at ?? clock.now(), input.rooms);
    },
    'rooms.list': () => readRooms(cache()),
    'announcements.current': (input) => currentAnnouncements(cache(), input.at ?? clock.now(), input.displayGroup),
    'sync.status': () => syncStatus(),
    'sync.runNow': () => {
      syncStatus();
      void engine!.trigger('manual');
      return engine!.status();
    },
  };
  const dispatch = createDispatcher(mode, handlers, log);

  function openTheCache(): CacheDb {
    const opened = openCache({ file: dbFile, key, nativeBinding: options.nativeBinding, log, now: clock.now });
    const opendb = opened.db;
    const previousScope = (opendb.prepare("SELECT value FROM meta WHERE key = 'scope'").get() as { value: string } | undefined)?.value;
    if (scope === 'kiosk' && previousScope === 'staff') {
      // This machine was a staff PC and is now a kiosk: personal data must go before anything is shown.
      opendb.transaction(() => {
        purgePersonalData(opendb);
        opendb.prepare("UPDATE meta SET value = 'kiosk' WHERE key = 'scope'").run();
      }).immediate();
      opendb.exec('VACUUM');
      log.warn('cache.personal-data-removed', { reason: 'switched from staff to kiosk mode' });
    }
    return opendb;
  }

  return {
    mode,
    dispatch,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      db = openTheCache();
      board = createKioskBoard(db, zone);
      const opened = db;
      const syncWorker = (worker = createSyncWorkerHost({ script: options.workerScript, dbFile, key, nativeBinding: options.nativeBinding, log }));
      engine = createSyncEngine({
        clock,
        log,
        settings: () => settings.get(),
        sourceId: () => sourceId(settings.get().source),
        lastSuccessAt: () => readDataAsOf(opened),
        runJob: (hooks) => syncWorker.run(
          { source: settings.get().source, scope, now: clock.now(), zone: settings.get().zone },
          { progress: hooks.progress, signal: hooks.signal },
        ),
        onStatus: (status) => emit('sync.status', status),
        onDataChanged: (at, source) => {
          board?.invalidate();
          emit('data.changed', { at, source });
        },
      });
      if (options.autoSync !== false) {
        engine.start();
        void engine.trigger('startup');
      }
      log.info('core.started', { mode, dataDir: options.dataDir });
    },
    syncNow: () => {
      if (!engine) return Promise.reject(new Error('the core is not started'));
      return engine.trigger('manual');
    },
    async stop() {
      await engine?.stop();
      engine = null;
      await worker?.close();
      worker = null;
      db?.close();
      db = null;
      key.fill(0);
      listeners.clear();
    },
  };
}
