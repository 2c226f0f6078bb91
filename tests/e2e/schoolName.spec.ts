import { at, isoInstant } from './support/demoSchool';
import { LANDSCAPE, PORTRAIT } from './support/display';
import { expect, openPage, test, withHost } from './support/kiosk';

// The school's name in the kiosk header: whole, however long, in both orientations (it may wrap or be set smaller,
// never be cut off). The name comes from the source; the demo school's is short, so a long one is put in its place.
const LONG = 'Stedelijk Gymnasium en Atheneum Johan van Oldenbarnevelt, locatie Amersfoort-Zuid';

for (const [name, viewport] of [['landscape', LANDSCAPE], ['portrait', PORTRAIT]] as const) {
  test(`a long school name shows whole in the header (${name})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await withHost(page, { now: isoInstant(at('2026-11-24', '09:15')) }, async (host) => {
      await openPage(page, host);
      const heading = page.getByTestId('school-name');
      await heading.evaluate((el, text) => (el.textContent = text), LONG);
      const fit = await heading.evaluate((el) => {
        const style = getComputedStyle(el);
        const header = el.closest('header')!.getBoundingClientRect();
        const box = el.getBoundingClientRect();
        return {
          // Wider than its box, or running out of the header (a glyph's ink a pixel past its own line box is not).
          clipped: el.scrollWidth > el.clientWidth + 1 || box.bottom > header.bottom + 1,
          ellipsis: style.textOverflow === 'ellipsis' && style.overflow !== 'visible',
          inside: box.right <= header.right + 1 && box.left >= header.left - 1,
        };
      });
      expect(fit).toEqual({ clipped: false, ellipsis: false, inside: true });
      await expect(page.getByTestId('clock')).toBeVisible();
    });
  });
}
