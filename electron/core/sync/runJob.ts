import type { CacheDb } from '../db/open';
import { CacheError } from '../db/errors';
import type { Logger } from '../logger';
import { SourceError } from './errors';
import { createSource, sourceId } from '../sources';
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
  if ((error as { code?: unknown })?.code === 'SQLITE_FULL') {
    hooks.log.error('sync.disk-full', { source: id });
    return { ok: false, sourceId: id, code: 'DISK_FULL', message: 'The disk is full: the new timetable could not be stored. The cached data was kept; make room on the disk.', retryAfterMs: null };
  }
  hooks.log.error('sync.crashed', { source: id, error, stack: (error as Error)?.stack });
  return { ok: false, sourceId: id, code: 'INTERNAL', message: 'The sync failed inside Gangbord; the log has details. The cached data was kept.', retryAfterMs: null };
}

/** One sync job as the worker thread runs it (worker/entry.ts), on the worker's own connection. Never throws. */
export async function runJob(openDb: () => CacheDb, job: SyncJob, hooks: JobHooks): Promise<SyncOutcome> {
  const id = sourceId(job.source);
  try {
    const result = await syncOnce({
      db: openDb(), source: createSource(job.source), scope: job.scope, now: job.now, zone: job.zone, signal: hooks.signal, progress: hooks.progress,
      secrets: job.secrets, erasedPupils: new Set(job.erasedPupils ?? []), pastDays: job.pastTimetableDays, fleetInbox: job.fleetInbox,
    });
    return { ok: true, sourceId: id, ...result };
  } catch (error) {
    return outcomeOfError(id, error, hooks);
  }
}
