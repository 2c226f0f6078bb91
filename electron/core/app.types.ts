import type { AppMode, Caller, EventName, EventPayload, Result, SyncStatus } from '@shared/contract';
import type { Clock } from './clock';
import type { Logger } from './logger';
import type { SecretStore } from './secrets/secretStore';
import type { SettingsStore } from './settings/store';
import type { WorkerScript } from './sync/worker/launchTypes';

/** What a host (Electron main, or the web host) hands the core. Everything Electron-specific arrives through here. */
export interface CoreOptions {
  mode: AppMode;
  /** Folder for the cache database (`cache.db`) and logs. */
  dataDir: string;
  /** 32 random bytes. The core keeps its own copy (for the sync worker) and wipes it on stop. */
  key: Buffer;
  settings: SettingsStore;
  /** Upstream credentials, resolved by name before each sync. */
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  /** App version shown in app.info. */
  version: string;
  workerScript: WorkerScript;
  /** Electron-ABI build of better-sqlite3-multiple-ciphers; unset under plain Node. */
  nativeBinding?: string;
  /** Start the schedule and a first sync on start (default true). Tests turn it off to drive syncs themselves. */
  autoSync?: boolean;
  /** A provisioning file to apply at start and watch for changes (see shared/provisioning.ts). */
  provisioningFile?: string;
  /** A display profile id chosen on the command line, for this run only. */
  profileOverride?: string | null;
  /** The HTTP client for the school's sign-in provider; tests pass one that tampers with what the provider answered. */
  oidcFetch?: typeof fetch;
  /** How often a staff PC in the fleet forwards its audit entries (ms; 30 s by default); tests shorten it. */
  fleetAuditEveryMs?: number;
}

export type CoreEventListener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

export interface Core {
  readonly mode: AppMode;
  /**
   * Runs one contract call: validates the input against the shared schema, checks the caller's role, runs it, and
   * answers with an envelope. Never throws. Hosts check the sender before calling this.
   */
  dispatch(caller: Caller, name: string, input: unknown): Promise<Result<unknown>>;
  /** Pushed events (data changed, sync status). Returns an unsubscribe function. */
  subscribe(listener: CoreEventListener): () => void;
  /** Opens the cache (rebuilding it when unreadable), starts the schedule and, if the cache is empty or stale, a first sync. */
  start(): Promise<void>;
  /** A fleet screen's picture of what it shows (a PNG the host took), signed into the fleet folder; nothing outside a fleet. */
  storeThumbnail(png: Uint8Array): Promise<void>;
  /** Whether this kiosk is a screen in a school's fleet (the host then takes its thumbnails). */
  isFleetScreen(): boolean;
  /** Runs a sync now and resolves when it ends. */
  syncNow(): Promise<SyncStatus>;
  stop(): Promise<void>;
}
