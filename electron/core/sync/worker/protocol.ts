import type { ConnectionTest } from '@shared/contract';
import type { SourceConfig } from '@shared/settings';
import type { SyncScope } from '../snapshot';
import type { WriteSummary } from '../writer';

/**
 * Fixed for the worker's life: which cache it writes, with which key. The key is a copy the worker wipes as soon
 * as its connection is open; the worker then keeps that connection for every sync.
 */
export interface WorkerSetup {
  dbFile: string;
  key: Uint8Array;
  nativeBinding?: string;
}

/** One sync. Null source: nothing configured, the demo school is the source. */
export interface SyncJob {
  source: SourceConfig | null;
  scope: SyncScope;
  now: number;
  zone: string;
  /** The credentials the source's settings name, resolved from the secret store for this run only. */
  secrets: Record<string, string>;
  /** Hashes of pupils erased on request (staff/erasure.ts): left out of the snapshot's pupils. */
  erasedPupils?: string[];
  /** settings.retention.pastTimetableDays. */
  pastTimetableDays?: number;
  /** A fleet screen with a broker: where the bundles pushed to it are kept, read beside the share. */
  fleetInbox?: string;
}

export interface SyncTimings {
  fetchMs: number;
  normaliseMs: number;
  writeMs: number;
}

export type SyncOutcome =
  | { ok: true; sourceId: string; kind: 'snapshot' | 'delta' | 'unchanged'; summary: WriteSummary | null; timings: SyncTimings }
  | { ok: false; sourceId: string; code: string; message: string; retryAfterMs: number | null };

export type ParentMessage =
  | { type: 'open' }
  | { type: 'run'; id: number; job: SyncJob }
  | { type: 'test'; id: number; job: SyncJob }
  | { type: 'abort'; id: number }
  /** Stop: finish (or abort) the running sync, close the connection, end the thread. */
  | { type: 'close' };

export type WorkerMessage =
  | { type: 'opened'; ok: true; openMs: number }
  | { type: 'opened'; ok: false; code: string; message: string }
  | { type: 'progress'; id: number; phase: string; done: number; total: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; event: string; fields?: Record<string, unknown> }
  | { type: 'outcome'; id: number; outcome: SyncOutcome }
  | { type: 'tested'; id: number; result: ConnectionTest };

export type { ConnectionTest } from '@shared/contract';
