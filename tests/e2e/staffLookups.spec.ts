import { readFileSync, rmSync } from 'node:fs';
import { generateDemoSchool } from '../../electron/core/demo';
import { displayName } from '@shared/domain/people';
import { at, isoInstant, ZONE } from './support/demoSchool';
import { expect, test } from './support/kiosk';
import { photoFolder } from './staffSupport/photos';
import { go, openAsFirstAdmin, pupilHits, SANNE, searchBox } from './staffSupport/staffFlows';
import { type RunningStaffHost, startStaffHost } from './staffSupport/staffHost';

test.use({ actionTimeout: 15_000 });

const NOW_MS = at('2026-11-24', '10:30');
const NOW = isoInstant(NOW_MS);
let host: RunningStaffHost | null = null;
let photos: string | null = null;
test.afterEach(async ({ page }) => {
  await page.close();
  await host?.stop();
  if (photos) rmSync(photos, { recursive: true, force: true });
  host = photos = null;
});

test('search by keyboard, timetables by week, the free-room finder, a class photo grid, and the privacy and audit downloads', async ({ page }) => {
  test.setTimeout(180_000);
  const school = generateDemoSchool({ size: 'standard', now: NOW_MS, zone: ZONE, scope: 'staff' });
  const classOfSanne = school.pupils.filter((p) => p.groups.includes(SANNE.group));
  host = await startStaffHost({ now: NOW });
  const admin = await openAsFirstAdmin(page, host);

  // Photos for three of Sanne's classmates, so the grid has something to show.
  const withPhotos = classOfSanne.filter((p) => p.photoConsent).slice(0, 3);
  photos = await photoFolder(withPhotos.map((p) => p.number));
  await go(page, "Foto's importeren");
  await page.getByLabel('Pad op deze pc').fill(photos);
  await page.getByRole('button', { name: 'Importeren', exact: true }).click();
  await expect(page.getByTestId('import-report')).toContainText('3 foto’s opgeslagen', { timeout: 30_000 });

  // "muller" finds Müller: case and accents do not matter. Arrows move, the active option is announced.
  await go(page, 'Zoeken');
  const box = searchBox(page);
  await box.pressSequentially('muller');
  await expect.poll(async () => (await pupilHits(page)).some((n) => n.endsWith('Müller'))).toBe(true);
  const options = page.getByRole('option');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await box.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id'))!);
  await box.press('ArrowUp');
  await box.press('Escape');
  await expect(options).toHaveCount(0);

  // A teacher by abbreviation: exact code first; the week view, where now, and paging by week.
  const teacher = school.teachers[0]!;
  await box.pressSequentially(teacher.code);
  await expect(options.first()).toHaveAttribute('data-kind', 'teacher');
  await expect(options.first()).toContainText(teacher.code);
  await box.press('Enter');
  const timetable = page.getByTestId('timetable');
  await expect(page.getByTestId('week-label')).toHaveText(/^Week 48, vanaf 23 november 2026$/);
  const teachersLessons = school.lessons.filter((l) => (l.teachers.includes(teacher.code) || l.change.previousTeachers.includes(teacher.code)) && l.day >= '2026-11-23' && l.day <= '2026-11-29');
  await expect(timetable.getByTestId('week-grid').getByTestId('lesson')).toHaveCount(teachersLessons.length);
  await expect(timetable.getByRole('group', { name: 'Waar nu?' })).toBeVisible();
  await page.getByRole('button', { name: /Volgende week/ }).click();
  await expect(page.getByTestId('week-label')).toHaveText(/^Week 49, vanaf 30 november 2026$/);
  await page.getByRole('button', { name: 'Deze week' }).click();
  await expect(page.getByTestId('week-label')).toHaveText(/^Week 48/);
  // Changes are marked in words, as on the kiosk, not by colour alone.
  const changed = teachersLessons.filter((l) => l.change.cancelled).length;
  await expect(timetable.getByTestId('week-grid').getByTestId('change-badge').filter({ hasText: 'Vervalt' })).toHaveCount(changed);
  await page.screenshot({ path: 'screenshots/staff-teacher-week.png' });

  // Escape in the detail returns to the search box, its text kept.
  await page.getByRole('button', { name: 'Deze week' }).press('Escape');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue(teacher.code);

  // The group's photo grid: names in Dutch order, photos only after "Toon foto's", released when leaving.
  await box.fill('');
  await box.pressSequentially(SANNE.group);
  await expect(options.first()).toHaveAttribute('data-kind', 'group');
  await box.press('Enter');
  await page.getByRole('tab', { name: 'Smoelenboek' }).click();
  const grid = page.getByTestId('photo-grid');
  const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });
  const sortName = (p: (typeof classOfSanne)[number]) => `${p.lastName}, ${p.firstName}${p.prefix ? ` ${p.prefix}` : ''}`;
  const expected = [...classOfSanne].sort((a, b) => collator.compare(sortName(a), sortName(b)) || a.number.localeCompare(b.number)).map(displayName);
  await expect(grid.getByTestId('member')).toHaveText(expected);
  await expect(grid.locator('img')).toHaveCount(0);
  await grid.getByRole('button', { name: "Toon foto's" }).click();
  // The imported photos at least (the demo school may have filled in portraits of its own by now); every pupil
  // without consent shows the message instead, and nobody shows both.
  const noConsent = classOfSanne.filter((p) => !p.photoConsent).length;
  await expect(grid.getByText('Foto laden…')).toHaveCount(0);
  const shown = await grid.locator('img[src^="blob:"]').count();
  expect(shown).toBeGreaterThanOrEqual(3);
  await expect(grid.getByText('Voor deze leerling is geen toestemming vastgelegd om de foto te tonen.')).toHaveCount(noConsent);
  expect(shown + noConsent + (await grid.getByText('Geen foto', { exact: true }).count())).toBe(classOfSanne.length);
  await expect.poll(() => grid.locator('img').evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0))).toBe(true);
  await page.screenshot({ path: 'screenshots/staff-photo-grid.png' });
  await go(page, 'Vrije lokalen');
  await expect(page.locator('img')).toHaveCount(0);

  // Free rooms in a period: what the timetable leaves free, by building and size.
  await page.getByLabel('Lesuur').selectOption({ index: 2 });
  await page.getByRole('button', { name: 'Zoek vrije lokalen' }).click();
  await expect(page.getByRole('status').filter({ hasText: /vrije lokalen/ })).toBeVisible();
  const freeCount = await page.getByTestId('free-rooms').locator('tbody tr').count();
  expect(freeCount).toBeGreaterThan(0);
  await page.getByLabel('Minimaal aantal plaatsen').fill('5000');
  await page.getByRole('button', { name: 'Zoek vrije lokalen' }).click();
  await expect(page.getByText('Geen vrij lokaal dat aan deze wensen voldoet.')).toBeVisible();

  // Privacy: export Sanne's data as a JSON download, then erase her after a confirmation that names her.
  await go(page, 'Privacy');
  // By name as well as by number: a name that fits several pupils lists them to choose from.
  await page.getByLabel('Leerlingnummer of naam').fill('Sanne');
  await page.getByRole('button', { name: 'Zoek leerling' }).click();
  const sanneFound = page.getByTestId('privacy-subject').or(page.getByTestId('privacy-candidates'));
  await expect(sanneFound.first()).toBeVisible();
  if (await page.getByTestId('privacy-candidates').isVisible()) await page.getByRole('button', { name: `${SANNE.name} (${SANNE.number})` }).click();
  await expect(page.getByTestId('privacy-subject')).toHaveText(`Gevonden: ${SANNE.name} (${SANNE.number})`);
  await page.getByLabel('Leerlingnummer').fill(SANNE.number);
  await page.getByRole('button', { name: 'Zoek leerling' }).click();
  await expect(page.getByTestId('privacy-subject')).toHaveText(`Gevonden: ${SANNE.name} (${SANNE.number})`);
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporteer gegevens (JSON)' }).click()]);
  expect(json.suggestedFilename()).toBe(`gangbord-${SANNE.number}.json`);
  expect(readFileSync((await json.path())!, 'utf8')).toContain(SANNE.number);
  await page.getByRole('button', { name: 'Wis gegevens' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Gegevens wissen' });
  await expect(confirm).toContainText(`${SANNE.name} (${SANNE.number})`);
  await expect(confirm.getByRole('button', { name: 'Annuleren' })).toBeFocused();
  await confirm.getByRole('button', { name: `Ja, wis ${SANNE.name}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'zijn gewist' })).toHaveText(`De gegevens van ${SANNE.name} (${SANNE.number}) zijn gewist.`);
  // She is gone from the search at once, and nothing of her can be opened.
  await go(page, 'Zoeken');
  await searchBox(page).fill('');
  await searchBox(page).pressSequentially(SANNE.number);
  await expect(page.getByRole('option').filter({ hasText: SANNE.name })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Toon foto', exact: true })).toHaveCount(0);

  // The audit log as CSV, for this administrator's actions.
  await go(page, 'Auditlog');
  await page.getByLabel('Medewerker (gebruikersnaam)').fill(admin.username);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporteer CSV' }).click()]);
  const text = readFileSync((await csv.path())!, 'utf8');
  expect(text.split('\r\n')[0]).toBe('id,at,actor,action,subject,subject_name,detail');
  // A classmate's look carries the name (Sanne was erased by now: her number only).
  const mate = classOfSanne.find((p) => p.number !== SANNE.number)!;
  expect(text).toContain(`"group.members","${mate.number}","${displayName(mate)}"`);
  for (const action of ['group.members', 'pupil.photo', 'privacy.export', 'privacy.erase']) expect(text).toContain(`"${action}"`);
  await expect(page.getByTestId('audit-entries').locator('tbody tr').first()).toContainText('gegevens gewist');
  // Looks at pupils only: the group list opened once is one row that opens to its pupils, by name where the
  // pupil is still known (Sanne was erased: her number only).
  await page.getByLabel('Soort').selectOption('pupil');
  await page.getByRole('button', { name: 'Filteren', exact: true }).click();
  const look = page.getByTestId('audit-group-look').filter({ hasText: `Groepslijst ${SANNE.group} geopend` });
  await expect(look).toHaveCount(1);
  await expect(page.getByTestId('audit-entries').locator('tbody tr[data-action="auth.sign-in"]')).toHaveCount(0);
  await look.locator('summary').click();
  await expect(look.locator('summary')).toHaveText(`${classOfSanne.length} leerlingen`);
  const classmate = classOfSanne.find((p) => p.number !== SANNE.number)!;
  await expect(look.getByRole('listitem').filter({ hasText: classmate.number })).toHaveText(`${displayName(classmate)} (${classmate.number})`);
  await expect(look.getByRole('listitem').filter({ hasText: SANNE.number })).toHaveText(SANNE.number);
  await expect(page.locator('body')).not.toContainText('staffUi.');
  await go(page, 'Accounts');
  await go(page, 'Mijn account');
  await page.screenshot({ path: 'screenshots/staff-audit.png' });
});

test('an erased pupil is no longer offered by the search', async ({ page }) => {
  host = await startStaffHost({ now: NOW });
  await openAsFirstAdmin(page, host);
  await searchBox(page).pressSequentially('Berg');
  await expect.poll(() => pupilHits(page)).toContain(SANNE.name);
  await go(page, 'Privacy');
  await page.getByLabel('Leerlingnummer').fill(SANNE.number);
  await page.getByRole('button', { name: 'Zoek leerling' }).click();
  await page.getByRole('button', { name: 'Wis gegevens' }).click();
  await page.getByRole('button', { name: `Ja, wis ${SANNE.name}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'zijn gewist' })).toBeVisible();
  await go(page, 'Zoeken');
  await searchBox(page).fill('');
  await searchBox(page).pressSequentially(SANNE.number);
  await expect(page.getByText(`Niets gevonden voor “${SANNE.number}”.`).first()).toBeVisible({ timeout: 5_000 });
});
