import type { Page } from '@playwright/test';
import { TEST_PIN } from './provisioning';

export const LANDSCAPE = { width: 1920, height: 1080 };
export const PORTRAIT = { width: 1080, height: 1920 };

/**
 * Switches the screen to another display profile the way the admin overlay does (`display.choose` with the PIN),
 * from inside the page, so the page's own session is used. Returns the envelope's error code, or null.
 */
export async function chooseProfile(page: Page, profileId: string, pin = TEST_PIN): Promise<string | null> {
  return page.evaluate(async ({ profileId, pin }) => {
    const response = await fetch('/api/call/display.choose', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gangbord-key': sessionStorage.getItem('gangbord.pageKey') ?? '' },
      body: JSON.stringify({ profileId, pin }),
    });
    const body = (await response.json()) as { ok: boolean; error?: { code: string } };
    return body.ok ? null : (body.error?.code ?? 'UNKNOWN');
  }, { profileId, pin });
}
