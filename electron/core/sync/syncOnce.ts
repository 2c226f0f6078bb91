import type { CacheDb } from '../db/open';
import { checkDelta, checkSnapshot } from './checkPayload';
import type { Source, SourceContext, SyncPayload, SyncScope } from './snapshot';
import type { SyncTimings } from './worker/protocol';
import { writeDelta, writeSnapshot, writeUnchanged, type WriteSummary } from './writer';

export interface SyncOnceOptions {
  db: CacheDb;
  source: Source;
  scope: SyncScope;
  now: number;
  zone: string;
  signal: AbortSignal;
  progress(phase: string, done: number, total: number): void;
  secrets?: Record<string, string>;
  /** Hashes of pupils erased on request, and how long past lessons stay (settings.retention). */
  erasedPupils?: ReadonlySet<string>;
  pastDays?: number;
  fleetInbox?: string;
}

export interface SyncResult {
  kind: 'snapshot' | 'delta' | 'unchanged';
  summary: WriteSummary | null;
  timings: SyncTimings;
}

export type FetchOptions = Omit<SyncOnceOptions, 'db' | 'erasedPupils' | 'pastDays'> & { cursor: string | null };

/**
 * fetch → validate → normalise → check, writing nothing: what a sync would write. The fleet's publisher signs it
 * into a bundle instead (fleet/publisher.ts).
 */
export async function fetchPayload(o: FetchOptions): Promise<{ payload: SyncPayload; fetchMs: number; normaliseMs: number }> {
  const ctx: SourceContext = {
    scope: o.scope, now: o.now, zone: o.zone, cursor: o.cursor, signal: o.signal, progress: o.progress,
    secret: (name) => o.secrets?.[name] ?? null, fleetInbox: o.fleetInbox,
  };
  const t0 = performance.now();
  const raw = await o.source.fetch(ctx);
  const t1 = performance.now();
  const payload = o.source.normalise(o.source.validate(raw, ctx), ctx);
  if (payload.kind === 'snapshot') checkSnapshot(payload);
  if (payload.kind === 'delta') checkDelta(payload);
  return { payload, fetchMs: t1 - t0, normaliseMs: performance.now() - t1 };
}

/**
 * fetch → validate → normalise → check → write (one transaction). Throws on failure, before anything is written
 * or by rolling the transaction back, so the cache always keeps its last good data.
 */
export async function syncOnce(o: SyncOnceOptions): Promise<SyncResult> {
  const state = o.db.prepare('SELECT cursor FROM sync_state WHERE source = ?').get(o.source.id) as { cursor: string | null } | undefined;
  const { payload, fetchMs, normaliseMs } = await fetchPayload({ ...o, cursor: state?.cursor ?? null });
  const t2 = performance.now();
  o.signal.throwIfAborted();

  const writeCtx = {
    scope: o.scope, source: o.source.id, now: o.now, progress: (done: number, total: number) => o.progress('write', done, total),
    erasedPupils: o.erasedPupils, pastDays: o.pastDays,
  };
  let summary: WriteSummary | null = null;
  if (payload.kind === 'snapshot') summary = writeSnapshot(o.db, payload, writeCtx);
  else if (payload.kind === 'delta') summary = writeDelta(o.db, payload, writeCtx);
  else writeUnchanged(o.db, writeCtx);
  return { kind: payload.kind, summary, timings: { fetchMs, normaliseMs, writeMs: performance.now() - t2 } };
}
