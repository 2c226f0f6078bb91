import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AppMode } from '@shared/contract';
import type { SettingsInput } from '@shared/settings';
import { createCore } from '../app';
import type { Core } from '../app.types';
import { type Clock, manualClock } from '../clock';
import { openCache } from '../db/open';
import { memoryLogger } from '../logger';
import { memorySecretStore, type SecretStore } from '../secrets/secretStore';
import { memorySettingsStore, type SettingsStore } from '../settings/store';
import type { Snapshot } from '../sync/snapshot';
import { writeSnapshot } from '../sync/writer';
import { at, DAY, newKey, sampleSnapshot } from './sampleSchool';

/** The sync worker as the web host starts it: from TypeScript source. */
export const TS_WORKER = {
  kind: 'ts',
  entry: pathToFileURL(join(fileURLToPath(new URL('.', import.meta.url)), '..', 'sync', 'worker', 'entry.ts')).href,
} as const;

export interface StartedCore {
  core: Core;
  dataDir: string;
  key: Buffer;
  log: ReturnType<typeof memoryLogger>;
  clock: Clock;
  settings: SettingsStore;
  secrets: SecretStore;
}

/**
 * A real core on a real encrypted cache in `dataDir`. With `snapshot`, the cache is filled first (as if a sync had
 * run); with `autoSync`, the core syncs from its configured source (the demo school) on start.
 */
export async function startCore(
  dataDir: string,
  options: {
    mode?: AppMode;
    snapshot?: Snapshot | null;
    settings?: SettingsInput;
    autoSync?: boolean;
    clock?: Clock;
    key?: Buffer;
    provisioningFile?: string;
    oidcFetch?: typeof fetch;
    secrets?: Record<string, string>;
    fleetAuditEveryMs?: number;
  } = {},
): Promise<StartedCore> {
  const key = options.key ?? newKey();
  const log = memoryLogger();
  const mode = options.mode ?? 'kiosk';
  const snapshot = options.snapshot === undefined ? sampleSnapshot() : options.snapshot;
  if (snapshot) {
    const { db } = openCache({ file: join(dataDir, 'cache.db'), key, log });
    writeSnapshot(db, snapshot, { scope: mode === 'kiosk' ? 'kiosk' : 'staff', source: 'demo', now: at(DAY, '07:00') });
    db.close();
  }
  const clock = options.clock ?? manualClock(at(DAY, '08:45'));
  const settings = memorySettingsStore({ mode, ...options.settings });
  const secrets = memorySecretStore(options.secrets);
  const core = createCore({
    mode,
    dataDir,
    key,
    settings,
    secrets,
    clock,
    log,
    version: '0.0.0-test',
    workerScript: TS_WORKER,
    autoSync: options.autoSync ?? false,
    provisioningFile: options.provisioningFile,
    oidcFetch: options.oidcFetch,
    fleetAuditEveryMs: options.fleetAuditEveryMs,
  });
  await core.start();
  return { core, dataDir, key, log, clock, settings, secrets };
}
