import type { Logger } from '../logger';
import { CacheError } from '../db/errors';
import { openCache } from '../db/open';
import { checkDelta, checkSnapshot } from './checkPayload';
import { SourceError } from './errors';
import type { SourceContext } from './snapshot';
import { createSource, sourceId } from './sources';
import type { SyncJob, SyncOutcome } from './worker/protocol';
import { writeDelta, writeSnapshot, writeUnchanged } from './writer';

export interface JobHooks {
  log: Logger;
  progress(phase: string, done: number, total: number): void;
  signal: AbortSignal;
}

/**
 * One sync, start to finish: fetch, validate, normalise, check, write in one transaction. Runs inside the sync
 * worker thread (see worker/entry.ts), so none of it blocks the host's event loop. Never throws: every failure
 * becomes an outcome with a stable code, and the cache keeps what it had.
 */
export async function runJob(job: SyncJob, hooks: JobHooks): Promise<SyncOutcome> {
  const id = sourceId(job.source);
  let db: ReturnType<typeof openCache>['db'] | null = null;
  try {
    const key = Buffer.from(job.key);
    try {
      db = openCache({ file: job.dbFile, key, nativeBinding: job.nativeBinding, log: hooks.log }).db;
    } finally {
      key.fill(0);
    }
    const state = db.prepare('SELECT cursor FROM sync_state WHERE source = ?').get(id) as { cursor: string | null } | undefined;
    const source = createSource(job.source);
    const ctx: SourceContext = {
      scope: job.scope, now: job.now, zone: job.zone, cursor: state?.cursor ?? null, signal: hooks.signal,
      progress: (phase, done, total) => hooks.progress(phase, done, total),
    };

    const t0 = performance.now();
    const raw = await source.fetch(ctx);
    const t1 = performance.now();
    const payload = source.normalise(source.validate(raw, ctx), ctx);
    if (payload.kind === 'snapshot') checkSnapshot(payload);
    if (payload.kind === 'delta') checkDelta(payload);
    const t2 = performance.now();
    hooks.signal.throwIfAborted();

    const writeCtx = { scope: job.scope, source: id, now: job.now, progress: (done: number, total: number) => hooks.progress('write', done, total) };
    let summary = null;
    if (payload.kind === 'snapshot') summary = writeSnapshot(db, payload, writeCtx);
    else if (payload.kind === 'delta') summary = writeDelta(db, payload, writeCtx);
    else writeUnchanged(db, writeCtx);
    const t3 = performance.now();
    return { ok: true, sourceId: id, kind: payload.kind, summary, timings: { fetchMs: t1 - t0, normaliseMs: t2 - t1, writeMs: t3 - t2 } };
  } catch (error) {
    if (error instanceof SourceError) return { ok: false, sourceId: id, code: error.code, message: error.message, retryAfterMs: error.retryAfterMs };
    if (error instanceof CacheError) return { ok: false, sourceId: id, code: 'CACHE', message: error.message, retryAfterMs: null };
    if (hooks.signal.aborted) return { ok: false, sourceId: id, code: 'ABORTED', message: 'The sync was stopped.', retryAfterMs: null };
    hooks.log.error('sync.crashed', { source: id, error, stack: (error as Error)?.stack });
    return { ok: false, sourceId: id, code: 'INTERNAL', message: 'The sync failed inside Gangbord; the log has details. The cached data was kept.', retryAfterMs: null };
  } finally {
    db?.close();
  }
}
