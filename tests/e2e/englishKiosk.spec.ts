import { at, demoSchoolAt, isoInstant } from './support/demoSchool';
import { expect, openPage, test, withHost } from './support/kiosk';
import { provisioning } from './support/provisioning';

// A kiosk set to English over a school day with cancellations, room changes and substitutes: the core sends codes
// and facts, the page words them, so nothing Dutch reaches an English screen (the school's own announcements aside).
// A lesson moved to another day is worded in English in movedDay.spec.ts.
const DAY = '2026-11-24';
const DUTCH = [
  'Vervalt', 'Verplaatst', 'Ander lokaal', 'Invaller', 'Verschoven', 'Extra les', 'Vandaag', 'Morgen', 'Bijgewerkt',
  'Roosterwijzigingen', 'Wijzigingen', 'Mededelingen', 'Geen ', 'Pagina', 'Lokalen', 'Verder', 'Volgende', 'Straks',
  'dinsdag', 'woensdag', 'november', 'uur', ' naar ', 'docent', 'gewijzigd', 'vervangen',
];

test('an English changes board over a day with cancellations, room changes and substitutes shows no Dutch', async ({ page }) => {
  const now = at(DAY, '08:05');
  const lessons = demoSchoolAt(now).lessons.filter((l) => l.day === DAY && l.end > now);
  // The day has every kind, so the words below are really put to the test.
  expect(lessons.some((l) => l.change.cancelled)).toBe(true);
  expect(lessons.some((l) => l.change.previousRooms.length > 0)).toBe(true);
  expect(lessons.some((l) => l.change.previousTeachers.length > 0)).toBe(true);
  const profile = { id: 'changes-en', name: 'Changes', layout: 'changes' as const, locale: 'en' as const, pagingSeconds: 300 };
  await withHost(page, { now: isoInstant(now), provisioning: provisioning({ profiles: [profile] }) }, async (host) => {
    await openPage(page, host);
    const board = page.getByTestId('changes-board');
    await expect(board.getByTestId('change-badge').first()).toBeVisible({ timeout: 20_000 });
    // Every page of the board is in the document (stacked, one shown at a time): all of it is read, and the header
    // and footer. Not the announcements: the school writes those, in its own language.
    const text = (await page.locator('.kiosk').evaluate((kiosk) => {
      const copy = kiosk.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('[data-testid="announcement-band"]').forEach((band) => band.remove());
      return copy.textContent ?? '';
    })).replace(/\s+/g, ' ');
    for (const english of ['Cancelled', 'Room change', 'Substitute', 'Today']) expect(text).toContain(english);
    expect(DUTCH.filter((word) => text.includes(word))).toEqual([]);
  });
});
