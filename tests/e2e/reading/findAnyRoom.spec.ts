import { at, demoSchoolAt, isoInstant } from '../support/demoSchool';
import { expect, openPage, test, visibleRoomCodes, withHost } from '../support/kiosk';

// A passer-by looks up at the demo's default corridor (60 rooms, a 55-inch screen read from 3 m) at a random moment:
// their room must come round within 30 seconds. The worst moment is just after their room's page went: watching
// starts right after a turn, and every room must have been on screen 30 seconds later.
const NOW = at('2026-11-24', '09:15');

test("the demo's default corridor shows every room within 30 seconds, from whatever moment one looks", async ({ page }) => {
  test.setTimeout(90_000);
  const all = demoSchoolAt(NOW).rooms.map((r) => r.code).sort();
  await withHost(page, { now: isoInstant(NOW) }, async (host) => {
    await openPage(page, host);
    await expect(page.getByTestId('page-indicator')).toContainText(/^2\//, { timeout: 20_000 });
    const started = Date.now();
    const seen = new Set<string>();
    let lastNew = 0;
    while (Date.now() - started < 30_000 && seen.size < all.length) {
      for (const code of await visibleRoomCodes(page)) {
        if (!seen.has(code)) lastNew = Date.now() - started;
        seen.add(code);
      }
      await page.waitForTimeout(500);
    }
    expect([...seen].sort()).toEqual(all);
    expect(lastNew, 'the last room appeared after (ms)').toBeLessThanOrEqual(30_000);
  });
});
