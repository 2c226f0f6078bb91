import { at, isoInstant } from '../support/demoSchool';
import { expect, openPage, test, withHost } from '../support/kiosk';
import { FAST_SYNC, provisioning } from '../support/provisioning';
import { startIcsServer } from '../staffSupport/icsFeed';
import { BASE_VECTORS } from './payloads';

// Hostile text through the timetable path: an iCalendar feed whose SUMMARY (the subject) and DESCRIPTION carry the
// payloads, read by the real connector, stored, and shown by the real kiosk page (docs/trust-proofs.md).
const DATE = '2026-11-24';
const NOW = at(DATE, '09:00');
const ROOMS = 12;
const payloads = BASE_VECTORS.filter((v) => v.length < 200).slice(0, ROOMS * 2);

/** iCalendar TEXT escaping (RFC 5545 §3.3.11): the payload arrives as the text it is. */
const escapeText = (text: string) => text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

function hostileFeed(): string {
  const events = payloads.flatMap((payload, i) => {
    const room = `A0.${String((i % ROOMS) + 1).padStart(2, '0')}`;
    const [start, end] = i < ROOMS ? ['085000', '094000'] : ['094000', '103000'];
    return [
      'BEGIN:VEVENT', `UID:xss-${i}@feed.example`, 'DTSTAMP:20261101T080000Z',
      `DTSTART:${DATE.replace(/-/g, '')}T${start}`, `DTEND:${DATE.replace(/-/g, '')}T${end}`,
      `SUMMARY:${escapeText(payload)}`, `LOCATION:${room}`, `DESCRIPTION:${escapeText(payload)}`, 'END:VEVENT',
    ];
  });
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Gangbord e2e xss//NL', ...events, 'END:VCALENDAR', ''].join('\r\n');
}

test(`${payloads.length} hostile subjects from an iCalendar feed on the corridor: shown as text, nothing runs`, async ({ page }) => {
  test.setTimeout(120_000);
  const feed = await startIcsServer('/hostile.ics', hostileFeed());
  try {
    const away: string[] = [];
    const source = { type: 'ical' as const, feeds: [{ name: 'Rooster', url: feed.url }] };
    const file = provisioning({ profiles: [{ id: 'gang', name: 'Gang', layout: 'corridor' }], settings: { ...FAST_SYNC, source } });
    await withHost(page, { now: isoInstant(NOW), provisioning: file }, async (host) => {
      page.on('request', (request) => {
        if (!request.url().startsWith(`${host.origin}/`)) away.push(request.url());
      });
      await openPage(page, host);
      // The feed's rooms, each with its hostile lesson now and next, once the first sync is in.
      await expect(page.getByRole('region', { name: /A0\.01/ })).toBeVisible({ timeout: 30_000 });
      await page.mouse.move(300, 300);
      await page.mouse.move(1500, 800);
      await page.waitForTimeout(1_000);
      // The subjects as text ("<img", "<script>wind" ...): their first words are enough to find them on the page.
      const fragments = payloads.map((p) => p.split(' ')[0]!.slice(0, 12)).filter((f) => f.startsWith('<'));
      const state = await page.evaluate((fragments) => ({
        xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
        // Nothing the feed said became an element: no script, image, frame, link, form or SVG anywhere in the page.
        elements: document.querySelectorAll('main :is(script, img, iframe, object, embed, a, form, input, math, style, base, link, meta, details, marquee, video, audio)').length,
        svgWithHandlers: [...document.querySelectorAll('main svg')].filter((svg) => [...svg.attributes].some((a) => a.name.startsWith('on'))).length,
        // The text is there, as text: the page shows the tags' words instead of making them elements.
        shown: fragments.filter((f) => document.body.innerText.includes(f)).length >= 3,
      }), fragments);
      expect(state).toEqual({ xss: null, elements: 0, svgWithHandlers: 0, shown: true });
      expect(away).toEqual([]);
    });
  } finally {
    await feed.close();
  }
});
