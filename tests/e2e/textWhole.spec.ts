import { at, isoInstant } from './support/demoSchool';
import { expect, openPage, test, withHost } from './support/kiosk';
import { doorProfile, FAST_SYNC, provisioning } from './support/provisioning';
import { icsFeed, startIcsServer } from './staffSupport/icsFeed';

// Subjects, groups and rooms as the upstream writes them: kiosks once cut them to their first word and 12
// characters ("Schoolexamen", "Aardrijkskun"). The door sign is where a room's lessons are read whole.
const DATE = '2026-11-24';
const NOW = at(DATE, '08:55');
const ROOM = 'Aula';
const LONG = 'Schoolexamen Nederlands mondeling voor de examenklassen';

test('a door sign shows a long subject whole, wrapped inside its panel, on a portrait and a landscape screen', async ({ page }) => {
  const feed = await startIcsServer('/aula.ics', icsFeed('Aula', [
    { date: DATE, start: '08:30', end: '10:10', subject: LONG, room: ROOM },
    { date: DATE, start: '10:30', end: '11:20', subject: 'Aardrijkskunde', room: ROOM },
  ]));
  try {
    const source = { type: 'ical' as const, feeds: [{ name: 'Aula', url: feed.url }] };
    const file = provisioning({ profiles: [doorProfile(ROOM)], settings: { ...FAST_SYNC, source } });
    await withHost(page, { now: isoInstant(NOW), provisioning: file }, async (host) => {
      for (const size of [{ width: 1080, height: 1920 }, { width: 1280, height: 800 }]) {
        await page.setViewportSize(size);
        await openPage(page, host);
        const now = page.getByTestId('door-now');
        // The connector cuts a code at 40 characters (fieldRules.ts); nothing on the kiosk cuts it further.
        await expect(now).toContainText(LONG.slice(0, 40).trimEnd(), { timeout: 30_000 });
        await expect(page.getByTestId('door-next')).toContainText('Aardrijkskunde');
        // Whole on screen: no part of the panel's text is clipped or runs past the panel.
        const clipped = await now.evaluate((panel) => {
          const box = panel.getBoundingClientRect();
          return [...panel.querySelectorAll('*')].filter((el) => {
            const r = el.getBoundingClientRect();
            return el.scrollWidth > el.clientWidth + 1 || r.right > box.right + 1 || r.left < box.left - 1;
          }).map((el) => el.className);
        });
        expect(clipped, `${size.width}×${size.height}`).toEqual([]);
      }
    });
  } finally {
    await feed.close();
  }
});
