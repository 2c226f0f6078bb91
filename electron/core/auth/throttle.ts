/**
 * Throttling of guesses (docs/security-accounts.md §3): a growing wait instead of a lock anyone could set off.
 *
 * Two counters, both kept in memory: one per client and name (one window trying one username), and one per name
 * across clients (someone opening window after window). A name is counted whether or not an account has it, so
 * the answers never tell which usernames exist. Only far beyond any typo (`hardAfter` failures in a row across
 * clients) does a name wait an hour. Nothing here closes a session: a stranger's guesses never sign anyone out.
 */
export interface ThrottleRules {
  /** The first wait, after one failure; each further failure doubles it, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Failures of one name across all clients that pass without a wait of their own. */
  freeAcrossClients: number;
  /** Failures of one name, across clients and without a success between, after which it waits `hardLockMs`. */
  hardAfter: number;
  hardLockMs: number;
}

export const SIGN_IN_RULES: ThrottleRules = { firstDelayMs: 2_000, maxDelayMs: 60_000, freeAcrossClients: 10, hardAfter: 50, hardLockMs: 3_600_000 };

interface Counter {
  failures: number;
  /** No try is checked before this time. */
  until: number;
  last: number;
}

/** Entries this old with no failure since are forgotten, so guesses at made-up names cannot fill the memory. */
const FORGET_MS = 2 * 3_600_000;
const PRUNE_AT = 10_000;

export function createThrottle(now: () => number, rules: ThrottleRules = SIGN_IN_RULES) {
  const perClient = new Map<string, Counter>();
  const perName = new Map<string, Counter>();

  const delay = (failures: number) => Math.min(rules.maxDelayMs, rules.firstDelayMs * 2 ** Math.max(0, failures - 1));
  const clientKey = (client: string, name: string) => `${client}\u0000${name.toLowerCase()}`;

  function prune(map: Map<string, Counter>, t: number) {
    if (map.size < PRUNE_AT) return;
    for (const [key, c] of map) if (c.until <= t && t - c.last > FORGET_MS) map.delete(key);
  }

  function bump(map: Map<string, Counter>, key: string, wait: (failures: number) => number) {
    const t = now();
    prune(map, t);
    const c = map.get(key) ?? { failures: 0, until: 0, last: t };
    c.failures += 1;
    c.last = t;
    c.until = Math.max(c.until, t + wait(c.failures));
    map.set(key, c);
    return c;
  }

  return {
    /** Milliseconds until `client` may try `name` again; 0 when it may now. */
    waitMs(client: string, name: string): number {
      const t = now();
      const a = perClient.get(clientKey(client, name))?.until ?? 0;
      const b = perName.get(name.toLowerCase())?.until ?? 0;
      return Math.max(0, a - t, b - t);
    },
    /** A wrong password or code: the waits grow. Answers whether the name just reached its hour's wait. */
    failed(client: string, name: string): { hardLocked: boolean } {
      bump(perClient, clientKey(client, name), delay);
      const across = bump(perName, name.toLowerCase(), (n) => {
        if (n >= rules.hardAfter) return rules.hardLockMs;
        return n > rules.freeAcrossClients ? delay(n - rules.freeAcrossClients) : 0;
      });
      return { hardLocked: across.failures === rules.hardAfter };
    },
    /** When the name is in its hour's wait, until when; null otherwise (shown to administrators). */
    hardLockedUntil(name: string): number | null {
      const c = perName.get(name.toLowerCase());
      return c && c.failures >= rules.hardAfter && c.until > now() ? c.until : null;
    },
    /** An administrator set a new password: every count for the name starts again, on every client. */
    forget(name: string): void {
      const lower = name.toLowerCase();
      perName.delete(lower);
      for (const key of perClient.keys()) if (key.endsWith(`\u0000${lower}`)) perClient.delete(key);
    },
    /** The right password and code: this client's count for the name, and the name's count, start again. */
    succeeded(client: string, name: string): void {
      perClient.delete(clientKey(client, name));
      perName.delete(name.toLowerCase());
    },
  };
}

export type Throttle = ReturnType<typeof createThrottle>;
