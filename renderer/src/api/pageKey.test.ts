import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserPageKey } from './pageKey';

afterEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', '/');
});

describe('the page key', () => {
  it('is traded once for the launch key in the fragment, which then leaves the address bar', async () => {
    history.replaceState(null, '', '/kiosk.html?lang=en#launch=one-time');
    const fetch = vi.fn(async () => new Response(JSON.stringify({ key: 'page-key' })));
    const key = browserPageKey(fetch);
    await expect(key()).resolves.toBe('page-key');
    await expect(key()).resolves.toBe('page-key');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]).toEqual(['/api/launch', expect.objectContaining({ method: 'POST', body: '{"launch":"one-time"}' })]);
    expect(location.hash).toBe('');
    expect(location.search).toBe('?lang=en');
    // A reload of this tab finds it in sessionStorage and trades nothing.
    const again = vi.fn();
    await expect(browserPageKey(again)()).resolves.toBe('page-key');
    expect(again).not.toHaveBeenCalled();
  });

  it('is null when the page was opened without the printed address, or the launch key was used already', async () => {
    history.replaceState(null, '', '/kiosk.html');
    const fetch = vi.fn();
    await expect(browserPageKey(fetch)()).resolves.toBeNull();
    expect(fetch).not.toHaveBeenCalled();
    history.replaceState(null, '', '/kiosk.html#launch=used');
    const gone = vi.fn(async () => new Response('{"ok":false}', { status: 410 }));
    await expect(browserPageKey(gone)()).resolves.toBeNull();
    expect(sessionStorage.length).toBe(0);
  });
});
