import type { SyncErrorCode } from '@shared/contract';

/** A sync failure the status shows as is. Messages name what failed, never a credential. */
export class SourceError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    /** The upstream asked us to wait this long (HTTP 429/503 Retry-After). */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}
