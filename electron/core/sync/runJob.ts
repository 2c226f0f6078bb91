import type { Logger } from '../logger';
import { CacheError } from '../db/errors';
import { openCache } from '../db/open';
import { SourceError } from './errors';
import { createSource, sourceId } from './sources';
import { syncOnce } from './syncOnce';
import type { SyncJob, SyncOutcome } from './worker/protocol';

export interface JobHooks {
  log: Logger;
  progress(phase: string, done: number, total: number): void;
  signal: AbortSignal;
}

/** Turns any failure of a sync into an outcome with a stable code; the cache keeps what it had. */
export function outcomeOfError(id: string, error: unknown, hooks: JobHooks): SyncOutcome {
  if (error instanceof SourceError) return { ok: false, sourceId: id, code: error.code, message: error.message, retryAfterMs: error.retryAfterMs };
  if (error instanceof CacheError) return { ok: false, sourceId: id, code: 'CACHE', message: error.message, retryAfterMs: null };
  if (hooks.signal.aborted) return { ok: false, sourceId: id, code: 'ABORTED', message: 'The sync was stopped.', retryAfterMs: null };
  hooks.log.error('sync.crashed', { source: id, error, stack: (error as Error)?.stack });
  return { ok: false, sourceId: id, code: 'INTERNAL', message: 'The sync failed inside Gangbord; the log has details. The cached data was kept.', retryAfterMs: null };
}

/**
 * One sync job as the worker thread runs it (worker/entry.ts): open the cache with our own connection, sync from
 * the configured source, close. Never throws.
 */
export async function runJob(job: SyncJob, hooks: JobHooks): Promise<SyncOutcome> {
  const id = sourceId(job.source);
  let db: ReturnType<typeof openCache>['db'] | null = null;
  try {
    const key = Buffer.from(job.key);
    try {
      db = openCache({ file: job.dbFile, key, nativeBinding: job.nativeBinding, log: hooks.log }).db;
      // This connection only writes syncs: a big page cache keeps a bulk write from spilling pages half-way.
      db.pragma('cache_size = -65536');
    } finally {
      key.fill(0);
    }
    const result = await syncOnce({
      db, source: createSource(job.source), scope: job.scope, now: job.now, zone: job.zone, signal: hooks.signal, progress: hooks.progress,
    });
    return { ok: true, sourceId: id, ...result };
  } catch (error) {
    return outcomeOfError(id, error, hooks);
  } finally {
    db?.close();
  }
}
