import { mkdirSync } from 'node:fs';
import { at, isoInstant } from './support/demoSchool';
import { expect, openPage, test, withHost } from './support/kiosk';

test('the staff page says honestly that sign-in comes later, under the school name and the clock', async ({ page }) => {
  await withHost(page, { mode: 'staff', now: isoInstant(at('2026-11-24', '13:05')) }, async (host) => {
    await openPage(page, host);
    await expect(page).toHaveURL(/\/staff\.html/);
    // A fresh install's first sync may finish after the page asked: the name follows when the data changes.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Het Gangbord College', { timeout: 30_000 });
    await expect(page.getByTestId('clock')).toHaveText(/^13:0\d:\d\d$/);
    await expect(page.getByText('Inloggen voor personeel komt in een volgende versie.')).toBeVisible();
    // No pretend sign-in form.
    await expect(page.getByRole('textbox')).toHaveCount(0);
    await expect(page.getByRole('button')).toHaveCount(0);
    mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/staff-nl.png' });
  });
});

test('the staff page in English', async ({ page }) => {
  await withHost(page, { mode: 'staff', now: isoInstant(at('2026-11-24', '13:05')) }, async (host) => {
    await openPage(page, host, { lang: 'en' });
    await expect(page.getByText('Staff sign-in arrives in a later version.')).toBeVisible();
  });
});
