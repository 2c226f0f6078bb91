import type { Page } from '@playwright/test';
import type { NowNextBoard } from '@shared/contract';
import { at, isoInstant } from './support/demoSchool';
import { expect, test } from './support/kiosk';
import { type IcsServer, icsFeed, startIcsServer } from './staffSupport/icsFeed';
import { go, openAsFirstAdmin, searchBox } from './staffSupport/staffFlows';
import { type RunningStaffHost, startStaffHost } from './staffSupport/staffHost';

test.use({ actionTimeout: 15_000 });

// A Tuesday afternoon in term; the feed has lessons in this week.
const DAY = '2026-11-24';
const NOW = isoInstant(at(DAY, '13:05'));
const FEED = icsFeed('Rooster Zuidvleugel', [
  { date: DAY, start: '12:30', end: '13:20', subject: 'wi', room: 'Z9.01' },
  { date: DAY, start: '13:30', end: '14:20', subject: 'en', room: 'Z9.01' },
  { date: DAY, start: '12:30', end: '14:20', subject: 'bi', room: 'Z9.02' },
  { date: '2026-11-25', start: '08:30', end: '09:20', subject: 'ne', room: 'Z9.02' },
]);
const UNREACHABLE = 'http://127.0.0.1:9/x.ics';

let host: RunningStaffHost | null = null;
let feed: IcsServer | null = null;
test.afterEach(async ({ page }) => {
  await page.close();
  await host?.stop();
  await feed?.close();
  host = feed = null;
});

/** What a corridor screen would be told: the kiosk call, made with the page's own session. */
async function board(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const res = await fetch('/api/call/kiosk.nowNext', { method: 'POST', headers: { 'content-type': 'application/json', 'x-gangbord-key': sessionStorage.getItem('gangbord.pageKey') ?? '' }, body: '{}' });
    const body = (await res.json()) as { ok: true; value: NowNextBoard };
    return Object.fromEntries(body.value.rooms.map((r) => [r.room.code, r.now?.subjects ?? []]));
  });
}
/** Every room of the board is the feed's, with the lessons running at 13:05. */
const FEED_BOARD = { 'Z9.01': ['wi'], 'Z9.02': ['bi'] };

test('data source: test the demo school, switch to an iCalendar feed, then to an unreachable one that fails while the data stays', async ({ page }) => {
  test.setTimeout(240_000);
  feed = await startIcsServer('/rooster.ics', FEED);
  host = await startStaffHost({ now: NOW });
  await openAsFirstAdmin(page, host);

  await go(page, 'Gegevensbron');
  await expect(page.getByRole('heading', { level: 2, name: 'Gegevensbron' })).toBeVisible();
  const status = page.getByTestId('source-status');
  await expect(status).toHaveAttribute('data-state', 'idle', { timeout: 60_000 });
  await expect(status.getByTestId('status-source')).toHaveText('Demoschool');
  await expect(status.getByTestId('status-last-error')).toHaveText('Geen');
  const form = page.getByRole('form', { name: 'Instellingen' });
  await expect(form.getByRole('radio', { name: 'Demoschool' })).toBeChecked();

  // Test connection on the demo school: every step in words, all worked.
  const testButton = form.getByRole('button', { name: 'Verbinding testen' });
  await testButton.click();
  const result = page.getByTestId('connection-test');
  await expect(result).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
  await expect(result.getByRole('status')).toHaveText('✓ Verbinding gelukt: alle stappen werkten.');
  const steps = result.getByRole('listitem');
  expect(await steps.count()).toBeGreaterThan(0);
  for (const text of await steps.allTextContents()) expect(text).toMatch(/Gelukt:/);
  // The steps' names are the page's Dutch, not the core's English.
  const names = await result.locator('li strong').allTextContents();
  expect(names).toEqual(['Opgehaald bij de bron', 'Antwoord gecontroleerd', 'Rooster gelezen']);

  // Switch to iCalendar by keyboard: arrows move through the kinds of source.
  await form.getByRole('radio', { name: 'Demoschool' }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(form.getByRole('radio', { name: 'iCalendar-feeds' })).toBeChecked();
  await form.getByLabel('Naam', { exact: true }).fill('Zuidvleugel');
  await form.getByLabel('Adres van de feed').fill(feed.url);
  await testButton.click();
  await expect(result).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
  await expect(result.getByRole('listitem').first()).toContainText("Gelukt: Feed 'Zuidvleugel'");
  await expect(result).toContainText('lessons in 2 rooms');
  await expect(page.getByTestId('unsaved')).toBeVisible();

  await form.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByTestId('sources-notice')).toHaveText('Opgeslagen. Gangbord synchroniseert nu met deze bron.');
  await expect(page.getByTestId('unsaved')).toHaveCount(0);
  // A successful sync of that source: up to date, from iCalendar, no error.
  await expect(status.getByTestId('status-source')).toHaveText('iCalendar-feeds', { timeout: 60_000 });
  await expect(status).toHaveAttribute('data-state', 'idle', { timeout: 60_000 });
  await expect(status.getByTestId('source-state')).toHaveText('✓ Bijgewerkt');
  await expect(status.getByTestId('status-last-error')).toHaveText('Geen');
  const lastSuccess = await status.getByTestId('status-last-success').textContent();
  expect(lastSuccess).toMatch(/^24-11-2026 \d\d:\d\d:\d\d$/);
  expect(feed.fetches()).toBeGreaterThanOrEqual(2); // the test and the sync
  await expect.poll(() => board(page)).toEqual(FEED_BOARD);

  // Point it at an address where nothing listens: the test says so in words.
  await form.getByLabel('Adres van de feed').fill(UNREACHABLE);
  await testButton.click();
  await expect(result).toHaveAttribute('data-ok', 'false', { timeout: 30_000 });
  await expect(result.getByRole('status')).toHaveText('✗ Verbinding mislukt: zie hieronder wat niet werkte.');
  const failedStep = result.getByRole('listitem').filter({ hasText: 'Mislukt:' });
  await expect(failedStep).toHaveCount(1);
  await expect(failedStep).toContainText("Feed 'Zuidvleugel'");
  const why = (await failedStep.locator('.detail').textContent())?.trim() ?? '';
  expect(why.length).toBeGreaterThan(10);

  // Saved anyway: the sync fails, the status says why, and the iCalendar timetable stays.
  await form.getByRole('button', { name: 'Opslaan' }).click();
  await expect(status).toHaveAttribute('data-state', 'backoff', { timeout: 60_000 });
  await expect(status.getByTestId('source-state')).toHaveText('✗ Mislukt; Gangbord probeert het later opnieuw');
  await expect(status.getByTestId('status-last-error')).toContainText("Feed 'Zuidvleugel'");
  await expect(status.getByTestId('status-last-error').locator('strong')).toHaveText('✗ De bron gaf geen bruikbaar antwoord of was niet bereikbaar.');
  // The first retry comes after a short backoff; by now it may have failed too.
  await expect(status.getByTestId('status-failures')).toHaveText(/^[1-9]\d*$/);
  await expect(status.getByTestId('status-last-success')).toHaveText(lastSuccess!);
  await expect(status.getByTestId('status-next-run')).toHaveText(/^24-11-2026 \d\d:\d\d:\d\d$/);
  await expect(status).toContainText('Het rooster van de laatste geslaagde synchronisatie blijft zichtbaar');
  await page.screenshot({ path: 'screenshots/staff-sources-failed.png', fullPage: true });

  expect(await board(page)).toEqual(FEED_BOARD);
  // And in the page: the search still finds a room that only the feed has.
  await go(page, 'Zoeken');
  await searchBox(page).pressSequentially('Z9.01');
  await expect(page.locator('[role="option"][data-kind="room"]').first()).toContainText('Z9.01');
});
