import type { CacheDb } from '../db/open';
import { checkDelta, checkSnapshot } from '../sync/checkPayload';
import { writeDelta, writeSnapshot, type WriteSummary } from '../sync/writer';
import { openBundle } from './bundle';
import type { Trust } from './envelope';

/** What a screen has applied: the last bundle's number, and that of the last full one (a delta's base). */
export interface BundleState {
  lastSeq: number | undefined;
  fullSeq: number | undefined;
}

export type ApplyResult =
  | { applied: true; seq: number; kind: 'snapshot' | 'delta'; summary: WriteSummary }
  | { applied: false; refusal: string; detail: string };

/**
 * Verifies a bundle and writes it to the screen's cache in kiosk scope, in one transaction, through the same checks
 * and writer as a sync: a refused or broken bundle changes nothing, and the screen keeps showing its last good data.
 * A delta applies only on top of the full bundle it was made from; otherwise the screen waits for the full one.
 */
export function applyBundle(db: CacheDb, bytes: Buffer, state: BundleState, options: { trust: Trust; now: number }): ApplyResult {
  const opened = openBundle(bytes, { ...options, lastSeq: state.lastSeq });
  if (!opened.ok) return { applied: false, refusal: opened.refusal, detail: opened.detail };
  const ctx = { scope: 'kiosk' as const, source: 'fleet', now: options.now };
  try {
    const { payload } = opened;
    if (payload.kind === 'snapshot') {
      checkSnapshot(payload);
      const summary = writeSnapshot(db, payload, ctx);
      state.lastSeq = state.fullSeq = opened.seq;
      return { applied: true, seq: opened.seq, kind: 'snapshot', summary };
    }
    if (payload.base !== state.fullSeq) return { applied: false, refusal: 'needs-full', detail: `made from bundle ${payload.base}, this screen has ${state.fullSeq ?? 'none'}` };
    checkDelta(payload);
    const summary = writeDelta(db, payload, ctx);
    state.lastSeq = opened.seq;
    return { applied: true, seq: opened.seq, kind: 'delta', summary };
  } catch (error) {
    return { applied: false, refusal: 'malformed', detail: (error as Error).message };
  }
}
