import type { Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { at, isoInstant } from './support/demoSchool';
import { expect, test } from './support/kiosk';
import {
  coreNow, go, openAsFirstAdmin, openStaff, signInWithPassword, signOut, totpCode,
} from './staffSupport/staffFlows';
import { type RunningStaffHost, startStaffHost } from './staffSupport/staffHost';

test.use({ actionTimeout: 15_000 });

const NOW = isoInstant(at('2026-11-24', '10:30'));
let host: RunningStaffHost | null = null;
test.afterEach(async ({ page }) => {
  await page.close();
  await host?.stop();
  host = null;
});

/** A 6-digit code that is none of the codes the core would accept around now. */
async function wrongCode(page: Page, secret: string): Promise<string> {
  const epoch = Math.floor((await coreNow(page)) / 1000);
  const near = new Set([-60, -30, 0, 30, 60].map((d) => generateSync({ secret, epoch: epoch + d })));
  for (let n = 123456; ; n = (n + 111_111) % 1_000_000) {
    const code = String(n).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

/** After a wrong try the form holds its button for the core's wait, counting down; then it is free again. */
async function waitOutCountdown(page: Page, seconds: number): Promise<void> {
  await expect(page.getByTestId('retry-countdown')).toContainText(`${seconds} seconden`);
  await expect(page.getByRole('button', { name: /Inloggen|Bevestigen/ })).toBeDisabled();
  await expect(page.getByTestId('retry-countdown')).toBeHidden({ timeout: seconds * 1000 + 5_000 });
  await expect(page.getByRole('button', { name: /Inloggen|Bevestigen/ })).toBeEnabled();
}

test('wrong password, wrong and replayed codes, a teacher without a code, and growing waits instead of a lockout', async ({ page }) => {
  test.setTimeout(180_000);
  host = await startStaffHost({ now: NOW });
  const admin = await openAsFirstAdmin(page, host);

  // An administrator creates a teacher's account.
  await go(page, 'Accounts');
  const create = page.getByRole('form', { name: 'Nieuw account' });
  await create.getByLabel('Gebruikersnaam').fill('docent');
  await create.getByLabel('Naam', { exact: true }).fill('Dirk Docent');
  await create.getByLabel('Wachtwoord', { exact: true }).fill('docent-wachtwoord-1');
  await create.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Account docent is aangemaakt.' })).toBeVisible();
  await expect(page.getByTestId('accounts').getByRole('row', { name: /docent Dirk Docent docent/ })).toBeVisible();
  await signOut(page);
  await expect(page.getByText('Je bent uitgelogd.')).toBeVisible();

  // A wrong password: its message, and the password field emptied.
  await signInWithPassword(page, admin.username, 'not the password');
  await expect(page.getByRole('alert')).toHaveText('Gebruikersnaam of wachtwoord klopt niet.');
  await expect(page.getByLabel('Wachtwoord')).toHaveValue('');
  await waitOutCountdown(page, 2);

  // The right password asks an administrator for the code; a wrong one and the replayed set-up code are refused.
  await signInWithPassword(page, admin.username, admin.password);
  await expect(page.getByRole('heading', { name: 'Code uit je authenticator-app' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Code' }).fill(await wrongCode(page, admin.secret));
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(page.getByRole('alert')).toHaveText('Deze code klopt niet, of is al gebruikt. Wacht op de volgende code.');
  await waitOutCountdown(page, 4);
  await page.getByRole('textbox', { name: 'Code' }).fill(admin.lastCode);
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(page.getByRole('alert')).toHaveText('Deze code klopt niet, of is al gebruikt. Wacht op de volgende code.');
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
  await waitOutCountdown(page, 8);

  // A fresh code (the next 30-second step) signs in.
  const fresh = await totpCode(page, admin.secret, admin.lastStep);
  await page.getByRole('textbox', { name: 'Code' }).fill(fresh.code);
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Ingelogd als Bea Heer (beheerder)');
  await signOut(page);

  // A teacher without an authenticator signs in with the first password, must choose one of their own (not the
  // first again, typed twice), and then sees no administrator's parts.
  await signInWithPassword(page, 'docent', 'docent-wachtwoord-1');
  const choose = page.getByRole('form', { name: 'Kies je eigen wachtwoord' });
  await choose.getByLabel('Nieuw wachtwoord', { exact: true }).fill('docent-wachtwoord-1');
  await choose.getByLabel('Nieuw wachtwoord nog een keer').fill('docent-wachtwoord-1');
  await choose.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page.getByRole('alert')).toHaveText('Kies een eigen wachtwoord, niet het eerste dat je kreeg.');
  await choose.getByLabel('Nieuw wachtwoord', { exact: true }).fill('mijn-eigen-wachtwoord');
  await choose.getByLabel('Nieuw wachtwoord nog een keer').fill('mijn-eigen-wachtwoord');
  await choose.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Ingelogd als Dirk Docent (docent)');
  await expect(page.getByRole('navigation').getByRole('button')).toHaveText(['Zoeken', 'Vrije lokalen', 'Mijn account']);
  await signOut(page);

  // Wrong passwords make the next try wait longer each time (2, 4, 8 seconds), but lock nothing: after the wait the
  // right password signs in. (A stranger's guesses cannot shut a colleague out for a quarter of an hour.)
  for (const seconds of [2, 4, 8]) {
    await signInWithPassword(page, 'docent', `wrong password ${seconds}`);
    await expect(page.getByRole('alert')).toHaveText('Gebruikersnaam of wachtwoord klopt niet.');
    if (seconds === 8) await page.screenshot({ path: 'screenshots/staff-retry-wait.png' });
    await waitOutCountdown(page, seconds);
  }
  await signInWithPassword(page, 'docent', 'mijn-eigen-wachtwoord');
  await expect(page.getByTestId('signed-in-as')).toHaveText('Ingelogd als Dirk Docent (docent)');
});

test('the sign-in screens in English', async ({ page }) => {
  host = await startStaffHost({ now: NOW });
  await openStaff(page, host, { lang: 'en' });
  await expect(page.getByRole('heading', { name: 'Create the first administrator' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create administrator' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The form checks the contract's rules first, in the page's language.
  await page.getByLabel('Username').fill('x');
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.getByRole('alert')).toHaveText('A username is 2 to 40 lower-case letters, digits, dots or dashes.');
  await page.screenshot({ path: 'screenshots/staff-setup-en.png' });
});

test('a re-enrolment left unconfirmed gives the password alone nothing; a recovery code stands in for a lost phone', async ({ page }) => {
  test.setTimeout(180_000);
  host = await startStaffHost({ now: NOW });
  const admin = await openAsFirstAdmin(page, host);

  // Recovery codes, made with a code from the authenticator in force, shown once.
  await go(page, 'Mijn account');
  const recovery = page.getByTestId('recovery-codes');
  const confirmCode = await totpCode(page, admin.secret, admin.lastStep);
  await recovery.getByRole('textbox', { name: 'Code' }).fill(confirmCode.code);
  await recovery.getByRole('button', { name: 'Nieuwe herstelcodes maken' }).click();
  await expect(recovery.getByRole('listitem')).toHaveCount(10);
  const codes = await recovery.getByRole('listitem').allTextContents();
  expect(codes.every((c) => /^[A-Z2-9]{5}-[A-Z2-9]{5}$/.test(c.trim()))).toBe(true);
  await recovery.getByRole('button', { name: 'Ik heb ze bewaard' }).click();
  await expect(recovery.getByRole('listitem')).toHaveCount(0);

  // The administrator starts setting up a new phone and walks away without confirming.
  await page.getByTestId('enroll').click();
  await expect(page.getByTestId('totp-secret')).toBeVisible();
  await signOut(page);

  // Someone with the password: asked for the code of the authenticator in force, never offered a set-up.
  await signInWithPassword(page, admin.username, admin.password);
  await expect(page.getByRole('heading', { name: 'Code uit je authenticator-app' })).toBeVisible();
  await expect(page.getByTestId('totp-secret')).toHaveCount(0);

  // The real administrator lost the phone: a recovery code signs in once, and My account comes first.
  await page.getByTestId('toggle-recovery').click();
  await expect(page.getByRole('heading', { name: 'Herstelcode' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Herstelcode' }).fill('nope');
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(page.getByRole('alert')).toHaveText('Een herstelcode is tien letters en cijfers, zoals K7QMX-3HRTP.');
  await page.getByRole('textbox', { name: 'Herstelcode' }).fill(codes[0]!.trim().toLowerCase());
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Ingelogd als Bea Heer (beheerder)');
  await expect(page.getByRole('heading', { name: 'Mijn account' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'er zijn er nog 9' })).toBeVisible();
  await page.screenshot({ path: 'screenshots/staff-recovery-code.png' });
});
