/** Wait before retry number `failures` (1 = first failure): 30 s, 1 min, 2 min ... up to 30 min, jittered down by up to half. */
export function retryDelayMs(failures: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  const base = Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, failures - 1));
  const jittered = Math.round(base * (0.5 + random() * 0.5));
  // An upstream that says when to come back (429/503 Retry-After) is obeyed, within reason (6 h).
  return retryAfterMs === null ? jittered : Math.max(jittered, Math.min(retryAfterMs, 6 * 3_600_000));
}
