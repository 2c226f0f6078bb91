import type { SyncStatus } from '@shared/contract';
import { Settings } from '@shared/settings';
import { manualClock } from '../../clock';
import type { CacheDb } from '../../db/open';
import { memoryLogger } from '../../logger';
import { createSyncEngine } from '../engine';
import { outcomeOfError } from '../runJob';
import type { Source, SyncScope } from '../snapshot';
import { syncOnce } from '../syncOnce';
import type { SyncOutcome } from '../worker/protocol';

/**
 * One manual sync of `source` through the real sync engine (scheduling, backoff, status), with the job run in
 * this thread exactly as the worker runs it (syncOnce, failures mapped by outcomeOfError). Returns the status the
 * engine publishes afterwards; the engine is stopped, so no retry timer outlives the test.
 */
export async function syncThroughEngine(o: {
  db: CacheDb;
  source: Source;
  scope: SyncScope;
  now: number;
  zone: string;
  secrets: Record<string, string>;
}): Promise<SyncStatus> {
  const clock = manualClock(o.now);
  const log = memoryLogger();
  const engine = createSyncEngine({
    clock,
    log,
    settings: () => Settings.parse({}),
    sourceId: () => o.source.id,
    lastSuccessAt: () => null,
    random: () => 1,
    onStatus: () => {},
    onDataChanged: () => {},
    async runJob(hooks): Promise<SyncOutcome> {
      try {
        const result = await syncOnce({
          db: o.db,
          source: o.source,
          scope: o.scope,
          now: clock.now(),
          zone: o.zone,
          signal: hooks.signal,
          progress: hooks.progress,
          secrets: o.secrets,
        });
        return { ok: true, sourceId: o.source.id, ...result };
      } catch (error) {
        return outcomeOfError(o.source.id, error, { log, progress: hooks.progress, signal: hooks.signal });
      }
    },
  });
  try {
    return await engine.trigger('manual');
  } finally {
    await engine.stop();
  }
}
