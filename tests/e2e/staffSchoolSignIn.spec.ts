import { type Page } from '@playwright/test';
import { startTestProvider, type TestProvider } from '../../electron/core/auth/schoolSignIn/testing/testProvider';
import { at, isoInstant } from './support/demoSchool';
import { expect, test } from './support/kiosk';
import { go, openAsFirstAdmin, SANNE, searchBox, signInWithPassword, signOut, totpCode } from './staffSupport/staffFlows';
import { type RunningStaffHost, startStaffHost } from './staffSupport/staffHost';

test.use({ actionTimeout: 15_000 });

let host: RunningStaffHost | null = null;
let provider: TestProvider | null = null;
test.afterEach(async ({ page }) => {
  await page.close();
  await host?.stop();
  await provider?.stop();
  host = provider = null;
});

/** The school's sign-in page (the provider's own form): which account, and whether a second factor was used. */
async function signInAtSchool(page: Page, account: string, secondFactor: boolean): Promise<void> {
  await page.getByTestId('school-sign-in').click();
  await expect(page.getByRole('heading', { name: 'School sign-in' })).toBeVisible();
  await page.getByLabel('Account').selectOption(account);
  if (secondFactor) await page.getByLabel('Signed in with a second factor').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function openSannesPhoto(page: Page) {
  const box = searchBox(page);
  await box.fill(SANNE.number);
  await box.press('Enter');
  const card = page.getByTestId('pupil-card');
  await expect(card.getByRole('heading', { level: 2 })).toHaveText(SANNE.name);
  await card.getByRole('button', { name: 'Toon foto', exact: true }).click();
  return card;
}

// A real OpenID provider on loopback (oidc-provider) as the school's: the staff page signs in through it with PKCE,
// takes the role from the group claim, opens a pupil's photo only after the provider's second factor, refuses an
// account in no group, and the audit log has every sign-in and refusal.
test("sign in with the school's account: roles from groups, photos only with a second factor, a refusal, all audited", async ({ page }) => {
  test.setTimeout(180_000);
  provider = await startTestProvider({
    dirk: { email: 'd.docent@school.example', name: 'Dirk Docent', groups: ['docenten'] },
    eva: { email: 'e.extern@school.example', name: 'Eva Extern', groups: ['ouders'] },
  });
  host = await startStaffHost({
    now: isoInstant(at('2026-11-24', '10:00')),
    settings: { staff: { idleLockMinutes: 30, schoolSignIn: { preset: 'entra', issuer: provider.issuer, clientId: provider.clientId, roles: [{ group: 'docenten', role: 'teacher' }] } } },
  });
  const admin = await openAsFirstAdmin(page, host);
  await signOut(page);

  // A teacher, with the password alone at the school: signed in as a teacher; the card opens, the photo does not.
  await expect(page.getByTestId('school-sign-in')).toHaveText('Inloggen met je Microsoft-schoolaccount');
  await signInAtSchool(page, 'dirk', false);
  await expect(page.getByTestId('signed-in-as')).toHaveText('Ingelogd als Dirk Docent (docent)', { timeout: 30_000 });
  // The code left the address bar.
  expect(new URL(page.url()).search).toBe('');
  let card = await openSannesPhoto(page);
  await expect(card.getByRole('alert')).toContainText('Foto\'s van leerlingen gaan pas open als je inlogt met een authenticator-app.');
  await expect(card.getByTestId('pupil-photo')).toHaveCount(0);
  await signOut(page);

  // With the school's second factor: the photo opens.
  await signInAtSchool(page, 'dirk', true);
  await expect(page.getByTestId('signed-in-as')).toHaveText('Ingelogd als Dirk Docent (docent)', { timeout: 30_000 });
  card = await openSannesPhoto(page);
  const img = card.getByTestId('pupil-photo');
  await expect(img).toHaveAttribute('src', /^blob:/);
  await signOut(page);

  // An account in no group with a role: refused, in words.
  await signInAtSchool(page, 'eva', true);
  await expect(page.getByRole('alert')).toHaveText('Je schoolaccount zit in geen groep die Gangbord mag gebruiken. Vraag de beheerder je groep toe te voegen.', { timeout: 30_000 });
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);

  // The administrator (a local account, the break-glass one) sees each sign-in and the refusal in the audit log.
  await signInWithPassword(page, admin.username, admin.password);
  const { code } = await totpCode(page, admin.secret, admin.lastStep);
  await page.getByRole('textbox', { name: 'Code' }).fill(code);
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await go(page, 'Auditlog');
  const rows = page.getByTestId('audit-entries').locator('tbody tr');
  // Dirk's two sign-ins (the account made from the token's e-mail address), one with the provider's second factor.
  const dirk = rows.filter({ hasText: 'd.docent' }).filter({ hasText: 'auth.sign-in' }).filter({ hasNotText: 'auth.sign-in-failed' });
  await expect(dirk).toHaveCount(2);
  await expect(dirk.filter({ hasText: 'school account, second factor by the provider' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'school account refused (no-role)' })).toHaveCount(1);
});
