import { mkdirSync } from 'node:fs';
import { at, hhmm, isoInstant } from './support/demoSchool';
import { expect, openPage, test, withHost, DEMO_PER_PAGE } from './support/kiosk';

const NOW = at('2026-11-24', '09:15');
// Late enough for the host to start and the page to load on a busy machine; the alarm lasts 12 s.
const START = NOW + 25_000;
const END = START + 12_000;

const seconds = (text: string) => {
  const [h, m, s] = text.split(':').map(Number);
  return h! * 3600 + m! * 60 + s!;
};
const clockSeconds = (instant: number) => seconds(`${hhmm(instant)}:${String(new Date(instant).getUTCSeconds()).padStart(2, '0')}`);

test('an emergency announcement from the provisioning file covers the whole screen when it starts and goes when it ends', async ({ page }) => {
  test.setTimeout(90_000);
  const alarm = {
    id: 'e2e:ontruiming', title: 'Ontruiming', body: '<p>Verlaat het gebouw via de <strong>dichtstbijzijnde nooduitgang</strong>.</p>',
    start: START, end: END, audience: ['andere-groep'], priority: 100, emergency: true,
  };
  await withHost(page, { now: isoInstant(NOW), provisioning: { announcements: [alarm] } }, async (host) => {
    await openPage(page, host);
    const cover = page.getByRole('alert').filter({ hasText: 'Ontruiming' });
    const clock = page.getByTestId('clock');
    expect(seconds(await clock.innerText()), 'the page must be up before the alarm starts').toBeLessThan(clockSeconds(START));
    await expect(cover).toHaveCount(0);
    await expect(page.getByRole('region')).toHaveCount(DEMO_PER_PAGE);

    // It comes on at its start (its audience is another display group: emergencies reach every screen).
    await expect(cover).toBeVisible({ timeout: 40_000 });
    const cameAt = seconds(await clock.textContent() ?? '');
    expect(cameAt).toBeGreaterThanOrEqual(clockSeconds(START));
    expect(cameAt, 'within two seconds of its start').toBeLessThanOrEqual(clockSeconds(START) + 2);
    await expect(cover).toContainText('dichtstbijzijnde nooduitgang');

    // The whole screen: its box is the viewport, and whatever point one looks at belongs to it.
    const viewport = page.viewportSize()!;
    expect(await cover.boundingBox()).toEqual({ x: 0, y: 0, width: viewport.width, height: viewport.height });
    const covered = await cover.evaluate((el, { width, height }) => [[1, 1], [width / 2, height / 2], [width - 2, height - 2], [2, height - 2]]
      .every(([x, y]) => el.contains(document.elementFromPoint(x!, y!))), viewport);
    expect(covered).toBe(true);
    mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/emergency-corridor-landscape-light.png' });

    // And it goes by itself when it ends: the rooms are back.
    await expect(cover).toBeHidden({ timeout: END - START + 10_000 });
    expect(seconds(await clock.textContent() ?? '')).toBeGreaterThanOrEqual(clockSeconds(END));
    await expect(page.getByRole('region')).toHaveCount(DEMO_PER_PAGE);
  });
});
