import { rmSync } from 'node:fs';
import { at, isoInstant } from './support/demoSchool';
import { expect, test } from './support/kiosk';
import { photoFolder } from './staffSupport/photos';
import {
  FIRST_ADMIN, go, openStaff, pupilHits, SANNE, SCHOOL, searchBox, setUpFirstAdmin, waitForDemoSchool,
} from './staffSupport/staffFlows';
import { type RunningStaffHost, startStaffHost } from './staffSupport/staffHost';

test.use({ actionTimeout: 15_000 });

// A Tuesday afternoon in term: lessons are running, so "where now" has an answer.
const NOW = isoInstant(at('2026-11-24', '13:05'));

let host: RunningStaffHost | null = null;
let photos: string | null = null;
test.afterEach(async ({ page }) => {
  await page.close();
  await host?.stop();
  if (photos) rmSync(photos, { recursive: true, force: true });
  host = photos = null;
});

test('first run to idle lock: admin with TOTP, photo import, look-up by name and number, photo, audit, and a lock that forgets', async ({ page, problems }) => {
  test.setTimeout(300_000);
  host = await startStaffHost({ now: NOW, settings: { staff: { idleLockMinutes: 1 } } });
  await openStaff(page, host);
  await waitForDemoSchool(page);

  // First run: no accounts, so the screen creates the first administrator and sets up the authenticator.
  await expect(page.getByRole('heading', { name: 'Eerste beheerder aanmaken' })).toBeVisible();
  const admin = await setUpFirstAdmin(page, FIRST_ADMIN, 'screenshots/staff-totp-setup.png');
  await expect(page.getByTestId('signed-in-as')).toHaveText('Ingelogd als Bea Heer (beheerder)');

  // Import Sanne's and a classmate's photo through the administrator's screen (it replaces a demo portrait).
  photos = await photoFolder([SANNE.number, '121763'], { '000001.jpg': Buffer.from('not a pupil of this school') });
  await go(page, "Foto's importeren");
  await page.getByLabel('Pad op deze pc').fill(photos);
  await page.getByRole('button', { name: 'Importeren', exact: true }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('2 foto’s opgeslagen', { timeout: 30_000 });
  await expect(report.getByTestId('unmatched')).toContainText('000001.jpg');
  await expect(page.getByRole('progressbar', { name: 'Voortgang van de import' })).toHaveAttribute('aria-valuenow', '100');

  // Search by part of the last name: focus starts in the search box, the tussenvoegsel is not needed.
  await go(page, 'Zoeken');
  const box = searchBox(page);
  await expect(box).toBeFocused();
  await box.pressSequentially('Berg');
  await expect.poll(() => pupilHits(page)).toContain(SANNE.name);
  await box.press('Escape');
  await expect(box).toHaveValue('');
  await box.pressSequentially('van den Berg');
  await expect.poll(() => pupilHits(page)).toContain(SANNE.name);
  await box.press('Escape');

  // By number: the exact number ranks first, Enter opens the card with name, number, groups and where now.
  await box.pressSequentially(SANNE.number);
  const first = page.getByRole('option').first();
  await expect(first).toContainText(SANNE.name);
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  const card = page.getByTestId('pupil-card');
  await expect(card.getByRole('heading', { level: 2 })).toHaveText(SANNE.name);
  await expect(card.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(card.getByTestId('pupil-number')).toHaveText(SANNE.number);
  await expect(card.getByRole('button', { name: SANNE.group })).toBeVisible();
  await expect(card.getByTestId('pupil-photo')).toHaveCount(0);

  // The photo only on purpose: a blob: image that really decoded.
  await card.getByRole('button', { name: 'Toon foto', exact: true }).click();
  const img = card.getByTestId('pupil-photo');
  await expect(img).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  await expect(img).toHaveAttribute('alt', `Foto van ${SANNE.name}`);

  // The audit view shows that look: the card and the photo, for that number, by this administrator.
  await go(page, 'Auditlog');
  await page.getByLabel('Leerlingnummer').fill(SANNE.number);
  await page.getByRole('button', { name: 'Filteren', exact: true }).click();
  const rows = page.getByTestId('audit-entries').locator('tbody tr');
  await expect(rows.filter({ hasText: 'pupil.photo' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'pupil.card' })).toHaveCount(1);
  for (const action of ['pupil.card', 'pupil.photo']) {
    const row = rows.filter({ hasText: action });
    await expect(row.locator('td').nth(1)).toHaveText(admin.username);
    // The administrator reads who was looked at by name, with the number.
    await expect(row.locator('td').nth(3)).toHaveText(`${SANNE.name} (${SANNE.number})`);
  }
  await expect(rows.filter({ hasText: 'pupil.photo' }).locator('td').nth(2)).toHaveText('foto getoond pupil.photo');
  await expect(rows.filter({ hasText: 'pupil.card' }).locator('td').nth(2)).toHaveText('leerlingkaart geopend pupil.card');
  await page.getByRole('button', { name: 'Controleer de keten', exact: true }).click();
  await expect(page.getByTestId('chain-check')).toContainText('De keten is intact');

  // Back to the card with the photo on screen, then hands off the keyboard for the idle minute.
  await go(page, 'Zoeken');
  await expect(page.getByTestId('pupil-card')).toHaveCount(0);
  await expect(searchBox(page)).toHaveValue(SANNE.number);
  await searchBox(page).fill('');
  await searchBox(page).pressSequentially(SANNE.number);
  await expect(page.getByRole('option').first()).toContainText(SANNE.name);
  await searchBox(page).press('Enter');
  await page.getByRole('button', { name: 'Toon foto', exact: true }).click();
  const photoUrl = await page.getByTestId('pupil-photo').getAttribute('src');
  expect(photoUrl).toMatch(/^blob:/);
  await page.screenshot({ path: 'screenshots/staff-pupil-card.png' });

  const lockedAt = Date.now();
  await expect(page.getByTestId('sign-in')).toBeVisible({ timeout: 90_000 });
  // Not before the minute: the lock follows real idle time, it does not fire early.
  expect(Date.now() - lockedAt).toBeGreaterThan(50_000);
  await expect(page.getByText('Gangbord is vergrendeld na 1 minuut zonder gebruik. Log opnieuw in.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SCHOOL);

  // Nothing personal left: no photo, no name, no number in the page, and the photo's URL no longer resolves.
  await expect(page.locator('img[src^="blob:"]')).toHaveCount(0);
  const html = await page.content();
  expect(html).not.toContain('Sanne');
  expect(html).not.toContain(SANNE.number);
  expect(html).not.toContain('Bea Heer');
  // (As an image: the CSP lets the page load blob: images but not fetch them. The browser logs the failed load.)
  problems.allow(new RegExp(`${photoUrl!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|ERR_FILE_NOT_FOUND`));
  const stillThere = await page.evaluate((url) => new Promise<boolean>((resolve) => {
    const probe = new Image();
    probe.onload = () => resolve(true);
    probe.onerror = () => resolve(false);
    probe.src = url;
  }), photoUrl!);
  expect(stillThere).toBe(false);
  await page.screenshot({ path: 'screenshots/staff-locked.png' });

  // And the core ended the session too: a staff call from the page is refused.
  const search = await page.evaluate(async () => {
    const res = await fetch('/api/call/search.query', { method: 'POST', headers: { 'content-type': 'application/json', 'x-gangbord-key': sessionStorage.getItem('gangbord.pageKey') ?? '' }, body: '{"text":"Berg"}' });
    return res.json() as Promise<{ ok: boolean; error?: { code: string } }>;
  });
  expect(search).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
});
