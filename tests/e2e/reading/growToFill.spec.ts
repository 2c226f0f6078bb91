import type { Page } from '@playwright/test';
import { at, demoSchoolAt, isoInstant } from '../support/demoSchool';
import { expect, openPage, test, withHost } from '../support/kiosk';
import { doorProfile, provisioning } from '../support/provisioning';
import { measureTexts } from './measureText';

// A sign with little to say fills its screen (renderer/src/kiosk/reading/useGrowToFill.ts): just before a room's
// last lesson of the day its door sign shows now and next and nothing after, in larger type than at 08:00 with the
// day ahead, which keeps the reading size so that the rest of the day fits; nothing is cut either way.
const DAY = '2026-11-24';

async function doorCodeRem(page: Page): Promise<number> {
  return page.getByTestId('door-sign').locator('.door-code').evaluate((el) =>
    parseFloat(getComputedStyle(el).fontSize) / parseFloat(getComputedStyle(document.documentElement).fontSize));
}

/** The demo room with the most lessons that day, and the start of its last. */
function busiestRoom(): { room: string; lastStart: number } {
  const demo = demoSchoolAt(at(DAY, '10:00'));
  const lessons = new Map<string, number[]>();
  for (const l of demo.lessons) if (l.day === DAY && l.rooms.length === 1) lessons.set(l.rooms[0]!, [...(lessons.get(l.rooms[0]!) ?? []), l.start]);
  const [room, starts] = [...lessons.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
  return { room, lastStart: Math.max(...starts) };
}

/** The door code's size over 1rem on the busiest room's sign at `instant`, with nothing on it cut. */
async function doorAt(page: Page, instant: number): Promise<number> {
  await page.setViewportSize({ width: 1280, height: 800 });
  let size = 0;
  await withHost(page, { now: isoInstant(instant), provisioning: provisioning({ profiles: [doorProfile(busiestRoom().room)] }) }, async (host) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openPage(page, host);
    await expect(page.getByTestId('door-sign')).toBeVisible();
    await page.waitForTimeout(500);
    size = await doorCodeRem(page);
    const cut = (await measureTexts(page)).filter((t) => t.clipped || t.outside).map((t) => `"${t.text}"`);
    expect(cut, `door sign at ${isoInstant(instant)}: cut or overflowing texts`).toEqual([]);
  });
  return size;
}

// The room code is 2em of the sign's type: 2rem at the reading size.
test('with the day ahead a door sign keeps the reading size, so that the rest of the day fits, none cut', async ({ page }) => {
  expect(await doorAt(page, at(DAY, '08:00'))).toBeCloseTo(2, 2);
});

test('with only now and next left a door sign sets them larger, none cut', async ({ page }) => {
  expect(await doorAt(page, busiestRoom().lastStart - 60_000)).toBeGreaterThanOrEqual(2 * 1.15);
});
