import { at, isoInstant } from './support/demoSchool';
import { expect, openPage, test, withHost, DEMO_PER_PAGE } from './support/kiosk';

const NOW = isoInstant(at('2026-11-24', '09:15'));

test('while loading the screen shows the name and a loading text, never a blank page', async ({ page }) => {
  await withHost(page, { now: NOW }, async (host) => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/call/app.info', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Gangbord' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText('Rooster laden…');
    const background = await page.locator('main').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    release();
    await expect(page.getByTestId('clock')).toBeVisible();
  });
});

test('when the core cannot be reached at start, the screen says it keeps trying, and comes up by itself', async ({ page, problems }) => {
  // The browser logs each refused request itself; those are this test's point, not a fault of the page.
  problems.allow(/Failed to load resource/);
  await withHost(page, { now: NOW }, async (host) => {
    await page.route('**/api/call/**', (route) => route.abort('failed'));
    await page.goto(host.url);
    await expect(page.getByRole('status')).toHaveText('Geen verbinding met Gangbord. Opnieuw proberen…');
    await page.unroute('**/api/call/**');
    await expect(page.getByTestId('clock')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('region')).toHaveCount(DEMO_PER_PAGE);
  });
});

test('when a later fetch fails the last board stays, with a discreet note, until the core answers again', async ({ page, problems }) => {
  problems.allow(/Failed to load resource/);
  // Just before a bell: at 09:20:00 the page asks for the board again, and that request will fail.
  await withHost(page, { now: isoInstant(at('2026-11-24', '09:20') - 15_000) }, async (host) => {
    await openPage(page, host);
    await expect(page.getByRole('region')).toHaveCount(DEMO_PER_PAGE);
    await page.route('**/api/call/kiosk.nowNext', (route) => route.abort('failed'));
    const note = page.getByText('Geen verbinding: dit zijn de laatst bekende gegevens.');
    await expect(note).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('region')).toHaveCount(DEMO_PER_PAGE);
    await page.unroute('**/api/call/kiosk.nowNext');
    await expect(note).toBeHidden({ timeout: 20_000 });
  });
});
