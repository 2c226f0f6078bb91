import { at, concerning, demoSchoolAt, hhmm, isoInstant, isPlain } from './support/demoSchool';
import { expect, openPage, roomCard, slot, test, withHost } from './support/kiosk';

const DAY = '2026-11-24';
// The end of period 2 (09:20–10:10) on that Tuesday: a break follows, so rooms fall free at exactly 10:10:00.
const BOUNDARY = at(DAY, '10:10');
// Far enough ahead for the host to start and the page to load on a slow machine, near enough to keep the test short.
const LEAD_MS = 15_000;

test('a room flips at the exact second its lesson ends, without waiting for the network', async ({ page }) => {
  const start = BOUNDARY - LEAD_MS;
  const demo = demoSchoolAt(start);
  const ending = demo.lessons.find((l) => l.day === DAY && l.end === BOUNDARY && l.rooms.length === 1 && isPlain(l) &&
    concerning(demo, l.rooms[0]!, BOUNDARY - 1).length === 1 && concerning(demo, l.rooms[0]!, BOUNDARY).length === 0);
  expect(ending, 'a plain lesson ending at 10:10 in a room that is free afterwards').toBeDefined();
  const code = ending!.rooms[0]!;

  await withHost(page, { now: isoInstant(start) }, async (host) => {
    // Once the first board is in, every later board answer is held back 3 s: the flip must not depend on it.
    let slowNetwork = false;
    await page.route('**/api/call/kiosk.nowNext', async (route) => {
      if (slowNetwork) await new Promise((resolve) => setTimeout(resolve, 3_000));
      await route.continue();
    });
    await openPage(page, host, { rooms: code });
    const card = roomCard(page, code);
    await expect(slot(card, 'Nu')).toContainText(`${hhmm(ending!.start)}–10:10`);
    for (const subject of ending!.subjects) await expect(slot(card, 'Nu')).toContainText(subject);
    await expect(page.getByTestId('clock')).toHaveText(/^10:0[89]:\d\d$/);
    slowNetwork = true;

    // Watch the page itself: note what the clock said when the room's "Nu" first changed.
    await page.evaluate(() => {
      const section = document.querySelector('section[aria-label]')!;
      const nowText = () => section.querySelector('[role="group"]')?.textContent ?? '';
      const initial = nowText();
      const w = window as unknown as { __flip: { clock: string; now: string } | null };
      w.__flip = null;
      new MutationObserver(() => {
        if (w.__flip === null && nowText() !== initial) {
          w.__flip = { clock: document.querySelector('[data-testid="clock"]')?.textContent ?? '', now: nowText() };
        }
      }).observe(section, { subtree: true, childList: true, characterData: true });
    });

    const flip = await page.waitForFunction(() => (window as unknown as { __flip: unknown }).__flip, undefined, { timeout: LEAD_MS + 5_000 });
    const seen = (await flip.jsonValue()) as { clock: string; now: string };
    expect(seen.clock).toBe('10:10:00');
    expect(seen.now).toContain('Vrij');
    await expect(page.getByTestId('clock')).toHaveText(/^10:10:0\d$/);
  });
});
