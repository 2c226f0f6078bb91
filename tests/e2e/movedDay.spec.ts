import { at, isoInstant } from './support/demoSchool';
import { expect, openPage, test, withHost } from './support/kiosk';
import { doorProfile, FAST_SYNC, provisioning } from './support/provisioning';
import { startIcsServer } from './staffSupport/icsFeed';

// A weekly lesson in A1.01 whose Tuesday instance is moved (RECURRENCE-ID) to Thursday in n2.03: on Tuesday the
// old room's door sign says where it went, instead of showing the room free with no word on the class.
const FEED = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Gangbord e2e//NL',
  'BEGIN:VEVENT', 'UID:wi-3b@school.example', 'DTSTAMP:20261101T080000Z',
  'DTSTART:20261117T103000', 'DTEND:20261117T112000', 'RRULE:FREQ=WEEKLY;COUNT=6', 'SUMMARY:wi', 'LOCATION:A1.01', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:wi-3b@school.example', 'DTSTAMP:20261120T080000Z', 'SEQUENCE:1', 'RECURRENCE-ID:20261124T103000',
  'DTSTART:20261126T103000', 'DTEND:20261126T112000', 'SUMMARY:wi', 'LOCATION:n2.03', 'END:VEVENT',
  'END:VCALENDAR', '',
].join('\r\n');

for (const [lang, moved, where] of [['nl', 'Verplaatst', 'naar do 26 nov, 10:30, n2.03'], ['en', 'Moved', 'to Thu 26 Nov, 10:30, n2.03']] as const) {
  test(`the old room's door sign on the old day says where the lesson went (${lang})`, async ({ page }) => {
    const feed = await startIcsServer('/rooster.ics', FEED);
    try {
      const source = { type: 'ical' as const, feeds: [{ name: 'Rooster', url: feed.url }] };
      const file = provisioning({ profiles: [doorProfile('A1.01', { locale: lang })], settings: { ...FAST_SYNC, source } });
      await withHost(page, { now: isoInstant(at('2026-11-24', '10:40')), provisioning: file }, async (host) => {
        await openPage(page, host);
        const now = page.getByTestId('door-now');
        await expect(now).toContainText(moved, { timeout: 30_000 });
        await expect(now).toContainText(where);
        await expect(now).toContainText('wi');
      });
    } finally {
      await feed.close();
    }
  });
}
