import { readFileSync } from 'node:fs';
import { staffListCsv } from '../../electron/core/auth/import/testing/staffList';
import { isoInstant, at } from './support/demoSchool';
import { expect, test } from './support/kiosk';
import { go, openAsFirstAdmin, signInWithPassword, signOut } from './staffSupport/staffFlows';
import { type RunningStaffHost, startStaffHost } from './staffSupport/staffHost';

test.use({ actionTimeout: 15_000 });

let host: RunningStaffHost | null = null;
test.afterEach(async ({ page }) => {
  await page.close();
  await host?.stop();
  host = null;
});

// A school's staff list of 300 rows, 5 of them wrong: the preview names exactly those 5 with the reason and writes
// nothing; the import makes the other 295, each with a first password the administrator downloads once; a teacher
// signs in with theirs and must choose their own; two accounts are disabled at once.
test('a staff list of 300 rows: preview, import of 295, first passwords, a first sign-in, and a change to many', async ({ page }) => {
  test.setTimeout(180_000);
  host = await startStaffHost({ now: isoInstant(at('2026-11-24', '08:00')) });
  await openAsFirstAdmin(page, host);
  await go(page, 'Accounts');
  const panel = page.getByTestId('account-import');
  const { csv, badLines } = staffListCsv(295, { bad: true });
  await panel.getByLabel('Kies het bestand').setInputFiles({ name: 'personeel.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

  await expect(panel.getByTestId('import-summary')).toHaveText('personeel.csv: 295 nieuw, 0 gewijzigd, 0 ongewijzigd, 5 geweigerd.');
  const refused = panel.getByTestId('import-refused');
  await expect(refused.locator('caption')).toHaveText('5 regels worden niet geïmporteerd');
  const lines = (await refused.locator('tbody th').allTextContents()).map((t) => Number(t.trim()));
  expect(lines).toEqual([...badLines.keys()]);
  await expect(refused.locator('tbody tr').filter({ hasText: 'ROL' })).toContainText('Onbekende rol: gebruik docent of beheerder.');
  await expect(refused.locator('tbody tr').filter({ hasText: 'MAIL' })).toContainText('Dit is geen e-mailadres.');
  await panel.screenshot({ path: 'screenshots/staff-accounts-import.png' });
  // Nothing written yet: the administrator is the only account.
  await expect(page.getByTestId('accounts').locator('tbody tr')).toHaveCount(1);

  await panel.getByRole('button', { name: 'Importeren (295 nieuw, 0 gewijzigd)' }).click();
  await expect(panel.getByTestId('import-done').getByRole('status')).toHaveText('Geïmporteerd: 295 nieuw, 0 gewijzigd, 5 regels geweigerd.');
  await expect(page.getByTestId('accounts').locator('tbody tr')).toHaveCount(296);
  const table = page.getByTestId('accounts');
  const row = (username: string) => table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: username, exact: true }) });
  // The timetable's "(D010)" in the list's name column is not doubled on the page.
  await expect(row('d010')).toContainText('Docent 10 (D010)');
  await expect(row('d010')).not.toContainText('(D010) (D010)');

  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download de 295 eerste wachtwoorden' }).click()]);
  const list = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(list[0]).toBe('Gebruikersnaam;Naam;Eerste wachtwoord');
  expect(list).toHaveLength(296);
  const firstOf = (username: string) => list.find((l) => l.startsWith(`${username};`))!.split(';')[2]!;

  // Two accounts disabled in one go.
  await table.getByRole('checkbox', { name: 'Kies d001' }).check();
  await table.getByRole('checkbox', { name: 'Kies d002' }).check();
  await expect(page.getByTestId('accounts-bulk')).toContainText('2 accounts gekozen');
  await page.getByTestId('accounts-bulk').getByRole('button', { name: 'Uitschakelen' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 accounts gewijzigd.' })).toBeVisible();
  await expect(row('d001')).toContainText('uitgeschakeld');
  await signOut(page);

  // A disabled account's first password opens nothing; another's asks for a password of one's own first.
  await signInWithPassword(page, 'd001', firstOf('d001'));
  await expect(page.getByRole('alert')).toHaveText('Gebruikersnaam of wachtwoord klopt niet.');
  await page.waitForTimeout(2_500); // the wait after a wrong try
  await signInWithPassword(page, 'd003', firstOf('d003'));
  const choose = page.getByRole('form', { name: 'Kies je eigen wachtwoord' });
  await choose.getByLabel('Nieuw wachtwoord', { exact: true }).fill('docent drie eigen');
  await choose.getByLabel('Nieuw wachtwoord nog een keer').fill('docent drie eigen');
  await choose.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Ingelogd als Docent 3 (docent)');
});
