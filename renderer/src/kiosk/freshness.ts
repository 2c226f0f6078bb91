import type { Instant } from '@shared/domain/time';

/** The later of what the data says and what the sync status says: the status event may arrive first. */
export function updatedAt(dataAsOf: Instant | null, lastSuccessAt: Instant | null): Instant | null {
  const known = [dataAsOf, lastSuccessAt].filter((t): t is Instant => t !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

/** Older than the profile allows: the "last updated" note grows prominent. Unknown times are not called stale. */
export function isStale(updated: Instant | null, now: Instant | null, staleAfterMinutes: number): boolean {
  return updated !== null && now !== null && now - updated > staleAfterMinutes * 60_000;
}
