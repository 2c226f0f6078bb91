import { randomBytes } from 'node:crypto';
import type { SessionSlot } from '@shared/contract';
import { sameSecret } from './security';

/** What the web host knows of one page it let in: its name as a client, and its staff session (server-side only). */
export interface PageEntry {
  /** A name for throttling and logs; not the key. */
  client: string;
  session: SessionSlot;
}

export type LaunchOutcome = { ok: true; key: string } | { ok: false; status: 401 | 410; reason: string };

/** Pages a host lets in at most: each launch makes one; a kiosk needs one, a staff tester a few. */
const MAX_PAGES = 64;

/**
 * Page keys instead of cookies (docs/web-host-page-keys.md). Cookies are not scoped by port, so any other server on
 * 127.0.0.1 would receive them. The launch key travels in the address's fragment (never sent to a server, never
 * logged); the page trades it once for a page key it keeps in sessionStorage and sends as a header. A used launch
 * key answers 410: the address cannot be replayed for a second page.
 */
export function createPageKeys() {
  const launch = randomBytes(32).toString('base64url');
  let launched = false;
  const pages = new Map<string, PageEntry>();
  let count = 0;

  return {
    launchKey: launch,
    launch(given: unknown): LaunchOutcome {
      if (typeof given !== 'string' || !sameSecret(given, launch)) return { ok: false, status: 401, reason: 'This is not the address the web host printed.' };
      if (launched) return { ok: false, status: 410, reason: 'This address was used already; restart the web host for a new one.' };
      launched = true;
      if (pages.size >= MAX_PAGES) pages.delete(pages.keys().next().value!);
      const key = randomBytes(32).toString('base64url');
      let token: string | null = null;
      pages.set(key, { client: `page-${++count}`, session: { get: () => token, set: (next) => void (token = next) } });
      return { ok: true, key };
    },
    /** The page a key belongs to, compared in constant time; null for a missing or unknown key. */
    page(given: string | undefined): PageEntry | null {
      if (!given) return null;
      for (const [key, entry] of pages) if (sameSecret(given, key)) return entry;
      return null;
    },
  };
}
