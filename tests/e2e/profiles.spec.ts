import { mkdirSync } from 'node:fs';
import { at, demoSchoolAt, isoInstant } from './support/demoSchool';
import { expect, openPage, test, withHost, DEMO_PER_PAGE } from './support/kiosk';
import { doorProfile, provisioning, TEST_PIN } from './support/provisioning';

const NOW = at('2026-11-24', '09:15');
const room = demoSchoolAt(NOW).rooms[3]!.code;
const corridor = { id: 'gang', name: 'Gang, alle lokalen', layout: 'corridor' as const };
const door = doorProfile(room, { id: 'deur', theme: 'dark' as const });
const setup = provisioning({ profiles: [corridor, door] });

test('the admin overlay switches the profile by keyboard alone, after a wrong PIN, without a reload', async ({ page }) => {
  await withHost(page, { now: isoInstant(NOW), provisioning: setup }, async (host) => {
    await openPage(page, host);
    await expect(page.getByRole('region')).toHaveCount(DEMO_PER_PAGE);
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    await page.keyboard.press('Control+Shift+P');
    const dialog = page.getByRole('dialog', { name: 'Scherm instellen' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Dit scherm toont nu: Gang, alle lokalen');
    const pin = dialog.getByLabel('Pincode');
    await expect(pin).toBeFocused();

    // A wrong PIN: said in words, the field empty again and focused.
    await page.keyboard.type('0000');
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('alert')).toHaveText('Deze pincode klopt niet.');
    await expect(pin).toBeFocused();
    await expect(pin).toHaveValue('');
    mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/admin-overlay-wrong-pin.png' });
    // The next PIN is checked only after a short wait, which the overlay counts down.
    await expect(dialog.getByTestId('pin-wait')).toContainText('seconden');
    await expect(dialog.getByTestId('pin-wait')).toBeHidden({ timeout: 8_000 });

    // Back to the profiles with Shift+Tab, the next one with an arrow key, the PIN again, Enter.
    await page.keyboard.press('Shift+Tab');
    await expect(dialog.getByRole('radio', { name: /Gang, alle lokalen/ })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(dialog.getByRole('radio', { name: /Deur/ })).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(pin).toBeFocused();
    await page.keyboard.type(TEST_PIN);
    await page.keyboard.press('Enter');

    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('door-sign').getByRole('heading', { level: 2 })).toHaveText(room);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    // Escape closes it; Tab never leaves it.
    await page.keyboard.press('Control+Shift+P');
    await expect(dialog).toBeVisible();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
});

test('after a wrong PIN the overlay checks no other for a moment, and says so', async ({ page }) => {
  await withHost(page, { now: isoInstant(NOW), provisioning: setup }, async (host) => {
    await openPage(page, host);
    await page.keyboard.press('Control+Shift+P');
    const dialog = page.getByRole('dialog');
    await page.keyboard.type('1111');
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('alert')).toHaveText('Deze pincode klopt niet.');
    await expect(dialog.getByLabel('Pincode')).toHaveValue('');
    // The next try waits (the core would not check it sooner): the button is held and the wait counted down, so
    // guessing goes no faster than the growing wait allows.
    await expect(dialog.getByTestId('pin-wait')).toHaveText(/^Over [12] seconden? kan de volgende pincode\.$/);
    await expect(dialog.getByRole('button', { name: 'Wisselen' })).toBeDisabled();
    await page.keyboard.type(TEST_PIN);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('alert')).toHaveText('Deze pincode klopt niet.');
  });
});

test('a new provisioning file switches the screen to its profile within seconds, without a reload', async ({ page }) => {
  await withHost(page, { now: isoInstant(NOW), provisioning: setup }, async (host) => {
    await openPage(page, host);
    await expect(page.getByRole('region')).toHaveCount(DEMO_PER_PAGE);
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    host.writeProvisioning(provisioning({ profiles: [corridor, door], active: 'deur' }));
    await expect(page.getByTestId('door-sign')).toBeVisible({ timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });
});
