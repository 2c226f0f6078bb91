import type { DisplayLayout } from '@shared/domain/display';
import { angleOfHeight, ARC_MINUTES, mmPerPixel, USUAL_VIEWING } from '@shared/display/readingScale';
import { generateDemoSchool } from '../../../electron/core/demo/demoSchool';
import { at, demoSchoolAt, isoInstant, ZONE } from '../support/demoSchool';
import { expect, openPage, test, withHost } from '../support/kiosk';
import { doorProfile, provisioning } from '../support/provisioning';
import { measureTexts } from './measureText';

// The corridor read from three metres (docs/reading-distance.md): for each layout at three resolutions with the
// profile's usual screen, every visible text's capitals, measured in its own font, subtend at least 20 minutes of
// arc (main lines), 16 (every other text) or 12 (status), and no text is cut or runs out of its card.
const NOW = at('2026-11-24', '10:00');
const SIZES = [
  { width: 1920, height: 1080, orientation: 'landscape' },
  { width: 1080, height: 1920, orientation: 'portrait' },
  { width: 3840, height: 2160, orientation: 'landscape' },
] as const;
const LAYOUTS: DisplayLayout[] = ['corridor', 'door', 'changes', 'announcements'];

for (const layout of LAYOUTS) {
  for (const size of SIZES) {
    test(`${layout} at ${size.width}×${size.height}: every text readable at the usual distance, none cut`, async ({ page }) => {
      const demo = demoSchoolAt(NOW);
      const room = demo.lessons.find((l) => l.day === '2026-11-24' && l.rooms.length === 1)!.rooms[0]!;
      const { inches, metres } = USUAL_VIEWING[layout];
      const profile = layout === 'door' ? doorProfile(room, { orientation: size.orientation }) : { id: 'scherm', name: 'Scherm', layout, orientation: size.orientation };
      await page.setViewportSize({ width: size.width, height: size.height });
      await withHost(page, { now: isoInstant(NOW), provisioning: provisioning({ profiles: [profile] }) }, async (host) => {
        // Measured at rest: a slide moving in the band is not text running off the screen.
        await page.emulateMedia({ reducedMotion: 'reduce' });
        await openPage(page, host);
        await page.waitForTimeout(500);
        const mm = mmPerPixel(inches, size.width, size.height);
        const texts = await measureTexts(page);
        expect(texts.length, 'texts measured').toBeGreaterThan(3);
        const small = texts.filter((t) => angleOfHeight(t.capPx * mm, metres) < ARC_MINUTES[t.role] - 0.05)
          .map((t) => `${t.role} "${t.text}" ${angleOfHeight(t.capPx * mm, metres).toFixed(1)}'`);
        expect(small, `${layout} ${size.width}×${size.height}: texts below their angle`).toEqual([]);
        const cut = texts.filter((t) => t.clipped || t.outside).map((t) => `"${t.text}"${t.clipped ? ' clipped' : ''}${t.outside ? ' outside' : ''}`);
        expect(cut, `${layout} ${size.width}×${size.height}: cut or overflowing texts`).toEqual([]);
      });
    });
  }
}

for (const count of [4, 12, 40, 150]) {
  test(`corridor with ${count} rooms: nothing cut or overflowing, type at reading size`, async ({ page }) => {
    test.setTimeout(90_000);
    // The large demo school has 150 rooms.
    const demo = generateDemoSchool({ size: 'large', now: NOW, zone: ZONE, scope: 'kiosk' });
    const rooms = demo.rooms.map((r) => r.code).slice(0, count);
    expect(rooms.length, `the demo school has ${count} rooms`).toBe(count);
    await page.setViewportSize({ width: 1920, height: 1080 });
    const profile = { id: 'gang', name: 'Gang', layout: 'corridor' as const, rooms: count === 150 ? { kind: 'all' as const } : { kind: 'list' as const, rooms } };
    const settings = { source: { type: 'demo' as const, size: 'large' as const } };
    await withHost(page, { now: isoInstant(NOW), provisioning: provisioning({ profiles: [profile], settings }) }, async (host) => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await openPage(page, host);
      await page.waitForTimeout(500);
      const mm = mmPerPixel(55, 1920, 1080);
      const texts = await measureTexts(page);
      const small = texts.filter((t) => angleOfHeight(t.capPx * mm, 3) < ARC_MINUTES[t.role] - 0.05).map((t) => `${t.role} "${t.text}"`);
      expect(small).toEqual([]);
      const cut = texts.filter((t) => t.clipped || t.outside).map((t) => `"${t.text}"${t.clipped ? ' clipped' : ''}${t.outside ? ' outside' : ''}`);
      expect(cut).toEqual([]);
    });
  });
}
