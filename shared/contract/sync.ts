import { SYNC_ERROR_CODES } from './syncErrorCodes';
import { z } from 'zod';
import { Instant } from '../domain/time';

export const SyncState = z.enum(['never', 'idle', 'running', 'backoff']);

/** What the UI shows about the data's freshness; kiosks show it as "last updated 08:05". */
export const SyncStatus = z.object({
  state: SyncState,
  /** The configured source (`demo`, `zermelo:...`); no credentials. */
  source: z.string().max(200),
  lastSuccessAt: Instant.nullable(),
  lastAttemptAt: Instant.nullable(),
  lastError: z.object({
    /** Stable codes: UPSTREAM_HTTP, UPSTREAM_TIMEOUT, UPSTREAM_INVALID, UPSTREAM_EMPTY, CACHE, INTERNAL ... */
    code: z.string().max(40),
    message: z.string().max(500),
    at: Instant,
  }).strict().nullable(),
  consecutiveFailures: z.number().int().min(0),
  nextRunAt: Instant.nullable(),
  progress: z.object({ phase: z.string().max(40), done: z.number().int().min(0), total: z.number().int().min(0) }).strict().nullable(),
}).strict();
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncErrorCode = z.enum(SYNC_ERROR_CODES);
export type SyncErrorCode = z.infer<typeof SyncErrorCode>;
