import { webHostPaths } from '@shared/contract/bridge';

const KEPT = 'gangbord.pageKey';

/**
 * The page's key to the web host (docs/web-host-page-keys.md). The first load trades the launch key from the
 * address's fragment for it, once, and takes the launch key out of the address bar; sessionStorage keeps the page
 * key for reloads of this tab and nothing else (no cookie, which every server on 127.0.0.1 would receive).
 * Answers null when there is neither: the page was not opened through the address the host printed.
 */
export function browserPageKey(doFetch: typeof globalThis.fetch): () => Promise<string | null> {
  let launch: string | null = null;
  let pending: Promise<string | null> | null = null;

  async function trade(): Promise<string | null> {
    const kept = sessionStorage.getItem(KEPT);
    if (kept) return kept;
    launch ??= new URLSearchParams(location.hash.slice(1)).get('launch');
    if (location.hash.includes('launch=')) history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    if (!launch) return null;
    const response = await doFetch(webHostPaths.launch, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ launch }),
    });
    if (!response.ok) return null;
    const { key } = (await response.json()) as { key?: unknown };
    if (typeof key !== 'string') return null;
    sessionStorage.setItem(KEPT, key);
    return key;
  }

  return () => {
    pending ??= trade().catch(() => {
      // Not reached (the host restarting): the next call tries again with the launch key kept in memory.
      pending = null;
      return null;
    });
    return pending;
  };
}
