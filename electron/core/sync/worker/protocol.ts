import type { SourceConfig } from '../../../../shared/settings';
import type { SyncScope } from '../snapshot';
import type { WriteSummary } from '../writer';

/** Everything a sync needs, passed to the worker thread. The key is a copy the worker wipes once the cache is open. */
export interface SyncJob {
  dbFile: string;
  key: Uint8Array;
  nativeBinding?: string;
  /** Null: no source configured, the demo school is the source. */
  source: SourceConfig | null;
  scope: SyncScope;
  now: number;
  zone: string;
}

export interface SyncTimings {
  fetchMs: number;
  normaliseMs: number;
  writeMs: number;
}

export type SyncOutcome =
  | { ok: true; sourceId: string; kind: 'snapshot' | 'delta' | 'unchanged'; summary: WriteSummary | null; timings: SyncTimings }
  | { ok: false; sourceId: string; code: string; message: string; retryAfterMs: number | null };

export type WorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; event: string; fields?: Record<string, unknown> }
  | { type: 'outcome'; outcome: SyncOutcome };

export type ParentMessage = { type: 'abort' };
