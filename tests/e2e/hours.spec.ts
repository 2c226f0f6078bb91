import { mkdirSync } from 'node:fs';
import { at, isoInstant } from './support/demoSchool';
import { expect, test, withHost, DEMO_PER_PAGE } from './support/kiosk';
import { provisioning } from './support/provisioning';

const LEAD_MS = 15_000;

test('outside its operating hours the screen is black with nothing on it, and it wakes at the second they start', async ({ page }) => {
  const opens = at('2026-11-24', '07:30');
  const profile = { id: 'gang-a', name: 'Gang A', layout: 'corridor' as const, hours: { days: [1, 2, 3, 4, 5], from: '07:30', to: '17:30' } };
  await withHost(page, { now: isoInstant(opens - LEAD_MS), provisioning: provisioning({ profiles: [profile] }) }, async (host) => {
    await page.goto(host.url);
    const off = page.getByTestId('screen-off');
    await expect(off).toBeVisible();
    expect(await page.evaluate(() => document.body.innerText.trim())).toBe('');
    expect(await off.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 0, 0)');
    mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/outside-hours.png' });

    // Watch for the first frame with a clock: it must read the opening second.
    await page.evaluate(() => {
      const w = window as unknown as { __woke: string | null };
      w.__woke = null;
      new MutationObserver(() => {
        const clock = document.querySelector('[data-testid="clock"]');
        if (w.__woke === null && clock) w.__woke = clock.textContent ?? '';
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const woke = await page.waitForFunction(() => (window as unknown as { __woke: string | null }).__woke, undefined, { timeout: LEAD_MS + 10_000 });
    expect(await woke.jsonValue()).toBe('07:30:00');
    await expect(off).toHaveCount(0);
    await expect(page.getByRole('region')).toHaveCount(DEMO_PER_PAGE);
  });
});
