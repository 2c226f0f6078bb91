/** Longest wait we take from an upstream; the engine caps it again (6 h). */
const MAX_MS = 24 * 3_600_000;

/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Null when absent or unreadable, so the engine's
 * own backoff applies.
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, MAX_MS);
  const at = Date.parse(value);
  if (!Number.isFinite(at) || !/[a-z]/i.test(value)) return null;
  return Math.min(Math.max(0, at - now), MAX_MS);
}

/** "2 min", "45 s", "3 h": how long a wait is, for a status line. */
export function describeWait(ms: number): string {
  if (ms < 90_000) return `${Math.max(1, Math.round(ms / 1000))} s`;
  if (ms < 90 * 60_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}
