import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import type { DisplayLayout, DisplayProfileInput } from '@shared/domain/display';
import { measureContrast } from './support/contrast';
import { at, demoSchoolAt, heldIn, isoInstant, isPlain } from './support/demoSchool';
import { chooseProfile, LANDSCAPE, PORTRAIT } from './support/display';
import { expect, openPage, test, withHost, DEMO_PER_PAGE } from './support/kiosk';
import { provisioning } from './support/provisioning';

// Every layout in both orientations and each theme: a screenshot for review by eye in screenshots/, and the
// rendered colours measured against WCAG AA. A Tuesday morning, lessons on; the changes board already shows
// tomorrow's changes too (its profile adds them from 10:00).
const DAY = '2026-11-24';
const NOW = at(DAY, '10:40');
const demo = demoSchoolAt(NOW);

const themes = ['light', 'dark', 'high-contrast'] as const;
const orientations = ['landscape', 'portrait'] as const;

/** A room with a plain lesson on now and at least three more today: the door sign's every part shows. */
const doorRoom = demo.rooms.find((room) => {
  const held = heldIn(demo, room.code, NOW);
  const later = demo.lessons.filter((l) => l.day === DAY && l.rooms.includes(room.code) && l.start > NOW);
  return held.length === 1 && isPlain(held[0]!) && later.length >= 3;
})!.code;

const bandNotice = {
  id: 'e2e:band', title: 'Open dag', body: '<p>Zaterdag 30 januari is de <strong>open dag</strong>. Help je mee? Meld je bij de receptie.</p>',
  start: at(DAY, '07:00'), end: at(DAY, '18:00'), audience: [], priority: 40, emergency: false,
};

function profilesFor(layout: DisplayLayout): (DisplayProfileInput & { id: string })[] {
  return orientations.flatMap((orientation) => themes.map((theme) => ({
    id: `${layout}-${orientation}-${theme}`,
    name: `${layout} ${orientation} ${theme}`,
    layout, orientation, theme,
    rooms: layout === 'door' ? { kind: 'list' as const, rooms: [doorRoom] } : { kind: 'all' as const },
    // Both kinds of band get their screenshots: the ticker on dark screens, slides on the others.
    announcementBand: theme === 'dark' ? 'ticker' as const : 'slides' as const,
    changesNextDayFrom: '10:00',
    staleAfterMinutes: 600,
  })));
}

const ready: Record<DisplayLayout, (page: Page) => Locator> = {
  corridor: (page) => page.getByRole('region').first(),
  door: (page) => page.getByTestId('door-now'),
  changes: (page) => page.getByTestId('changes-board'),
  announcements: (page) => page.getByTestId('announcements-board').locator('h2'),
};

async function shootEvery(page: Page, layout: DisplayLayout) {
  const profiles = profilesFor(layout);
  mkdirSync('screenshots', { recursive: true });
  await withHost(page, { now: isoInstant(NOW), provisioning: provisioning({ profiles, announcements: [bandNotice] }) }, async (host) => {
    await openPage(page, host);
    for (const profile of profiles) {
      await page.setViewportSize(profile.orientation === 'portrait' ? PORTRAIT : LANDSCAPE);
      expect(await chooseProfile(page, profile.id), profile.id).toBeNull();
      await expect(page.locator('html')).toHaveAttribute('data-theme', profile.theme!);
      await expect(page.locator('.kiosk')).toHaveClass(new RegExp(`orientation-${profile.orientation}`));
      await expect(page.locator('.kiosk')).toHaveAttribute('data-layout', layout);
      await expect(ready[layout](page)).toBeVisible();
      // Nothing may spill out of the screen: a kiosk has no scroll bars to reach it.
      expect(
        await page.evaluate(() => [document.documentElement.scrollWidth <= innerWidth, document.documentElement.scrollHeight <= innerHeight]),
        profile.id,
      ).toEqual([true, true]);
      // Nor is anything cut off at the bottom of a card, panel or column (they hide what overflows).
      const clipped = await page.locator('.room-card, .door-panel, .door-later, .changes-column, .announcement-slide')
        .evaluateAll((boxes) => boxes.filter((box) => box.scrollHeight > box.clientHeight + 1).map((box) => box.getAttribute('aria-label') ?? box.className));
      expect(clipped, `cut off on ${profile.id}`).toEqual([]);
      await page.screenshot({ path: `screenshots/${profile.id}.png` });
      const report = await measureContrast(page);
      expect(report.failures, `contrast on ${profile.id}`).toEqual([]);
      expect(report.checked, profile.id).toBeGreaterThan(5);
    }
  });
}

test.describe('every layout, both orientations, each theme: screenshots and contrast', () => {
  test.describe.configure({ timeout: 120_000 });

  test('corridor overview', async ({ page }) => {
    await shootEvery(page, 'corridor');
  });

  test('door sign', async ({ page }) => {
    await shootEvery(page, 'door');
  });

  test('changes board', async ({ page }) => {
    await shootEvery(page, 'changes');
  });

  test('announcements only', async ({ page }) => {
    await shootEvery(page, 'announcements');
  });
});

test('on a 4K panel of the same size the same page shows at twice the pixels', async ({ page }) => {
  await withHost(page, { now: isoInstant(NOW) }, async (host) => {
    await page.setViewportSize({ width: 3840, height: 2160 });
    await openPage(page, host);
    const heading = page.getByRole('region').first().getByRole('heading');
    // The type is sized for a 55-inch screen read from 3 m (docs/reading-distance.md): the same angle at the eye,
    // so twice the pixels of 1080p (1.25rem of 31.2px there: 39px), and the same rooms on a page.
    const size = await heading.evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
    expect(size).toBeGreaterThan(74);
    expect(size).toBeLessThan(82);
    await expect(page.getByRole('region')).toHaveCount(DEMO_PER_PAGE);
    mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/corridor-landscape-light-4k.png' });
  });
});

test('the contrast check itself fails on pale text and on a faint mark', async ({ page }) => {
  await page.setContent(`
    <div style="background:#ffffff"><p style="color:#999999;font-size:16px">bleek</p><p style="color:#595959;font-size:16px">donker genoeg</p></div>
    <div style="background:#000000"><p style="color:rgba(255,255,255,0.3);font-size:40px">doorschijnend</p></div>
    <div style="background:#dddddd"><div class="progress-fill" style="background:#cccccc;width:50px;height:10px"></div></div>`);
  const report = await measureContrast(page);
  expect(report.failures.map((f) => f.text || f.what)).toEqual(['bleek', 'doorschijnend', 'progress fill on its track']);
  expect(report.checked).toBe(4);
});
