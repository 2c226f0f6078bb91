import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { at, isoInstant } from './support/demoSchool';
import { expect, test } from './support/kiosk';
import { photoFolder } from './staffSupport/photos';
import { go, openAsFirstAdmin, SANNE } from './staffSupport/staffFlows';
import { type RunningStaffHost, startStaffHost } from './staffSupport/staffHost';

test.use({ actionTimeout: 15_000 });

let host: RunningStaffHost | null = null;
let folder: string | null = null;
test.afterEach(async ({ page }) => {
  await page.close();
  await host?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
  host = folder = null;
});

// Photos named as a photographer names them ("Surname, First name (number).jpg"): the default naming finds nothing
// and the preview says so before anything is imported; the right preset finds them; the report gives each refused
// file its reason in words and downloads as a spreadsheet.
test('photo import by naming preset: a preview first, then a report with a reason per file, downloadable', async ({ page }) => {
  test.setTimeout(120_000);
  host = await startStaffHost({ now: isoInstant(at('2026-11-24', '10:00')) });
  await openAsFirstAdmin(page, host);
  const jpeg = await sharp({ create: { width: 300, height: 400, channels: 3, background: { r: 40, g: 140, b: 200 } } }).jpeg().toBuffer();
  folder = await photoFolder([]);
  writeFileSync(join(folder, `Berg, Sanne van den (${SANNE.number}).jpg`), jpeg);
  writeFileSync(join(folder, `Berg, Sanne van den - kopie (${SANNE.number}).jpg`), jpeg);
  writeFileSync(join(folder, 'Onbekend, Iemand (000001).jpg'), jpeg);
  writeFileSync(join(folder, 'Tekst (121763).jpg'), Buffer.from('this is a text file, not a photo'));

  await go(page, "Foto's importeren");
  await page.getByLabel('Pad op deze pc').fill(folder);
  await page.getByTestId('photo-preview-button').click();
  const preview = page.getByTestId('photo-preview');
  await expect(preview.getByRole('status')).toHaveText('4 bestanden: 0 horen bij een leerling, 4 bij geen enkele, 0 worden geweigerd.');
  await expect(preview).toContainText('Geen enkel bestand hoort bij een leerling');

  await page.getByLabel('Achternaam, Voornaam (leerlingnummer).jpg').check();
  await page.getByTestId('photo-preview-button').click();
  await expect(preview.getByRole('status')).toHaveText('4 bestanden: 2 horen bij een leerling, 1 bij geen enkele, 1 worden geweigerd.');
  await expect(preview.getByTestId('preview-examples')).toContainText(`Berg, Sanne van den (${SANNE.number}).jpg → leerling ${SANNE.number}`);
  await expect(preview.getByTestId('preview-refused')).toContainText('Een ander bestand voor deze leerling kwam eerder.');

  await page.getByRole('button', { name: 'Importeren', exact: true }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('1 foto’s opgeslagen', { timeout: 30_000 });
  await expect(report.getByTestId('rejected').locator('li[data-code="notImage"]')).toContainText('Geen JPEG- of PNG-foto.');
  await expect(report.getByTestId('rejected').locator('li[data-code="duplicate"]')).toContainText('Een ander bestand voor deze leerling kwam eerder.');

  const [download] = await Promise.all([page.waitForEvent('download'), report.getByTestId('download-report').click()]);
  const rows = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(rows[0]).toBe('Bestand;Uitkomst;Technisch (Engels)');
  expect(rows).toContainEqual(expect.stringMatching(/^"?Onbekend, Iemand \(000001\)\.jpg"?;Geen leerling met dit nummer;$/));
  expect(rows).toContainEqual(expect.stringMatching(/^"?Tekst \(121763\)\.jpg"?;Geen JPEG- of PNG-foto\.;.+/));
});
