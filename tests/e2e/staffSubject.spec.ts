import { addDays } from '@shared/timetable/zonedTime';
import { at, demoSchoolAt, isoInstant } from './support/demoSchool';
import { expect, test } from './support/kiosk';
import { openAsFirstAdmin, searchBox, waitForDemoSchool } from './staffSupport/staffFlows';
import { type RunningStaffHost, startStaffHost } from './staffSupport/staffHost';

test.use({ actionTimeout: 15_000 });

// Search that always leads somewhere: a subject has no timetable, but shows who has it and who teaches it.
const NOW_MS = at('2026-11-24', '10:30');
let host: RunningStaffHost | null = null;
test.afterEach(async ({ page }) => {
  await page.close();
  await host?.stop();
  host = null;
});

test('a subject found by search lists its groups and teachers, and a teacher opens their timetable', async ({ page }) => {
  test.setTimeout(120_000);
  const school = demoSchoolAt(NOW_MS);
  const lessons = school.lessons.filter((l) => l.subjects.includes('wi') && l.day >= '2026-11-24' && l.day <= addDays('2026-11-24', 14));
  const groups = new Set(lessons.flatMap((l) => l.groups));
  const teachers = new Set(lessons.flatMap((l) => l.teachers));
  expect(groups.size).toBeGreaterThan(0);

  host = await startStaffHost({ now: isoInstant(NOW_MS) });
  await openAsFirstAdmin(page, host);
  await waitForDemoSchool(page);
  const box = searchBox(page);
  await box.pressSequentially('wi');
  const option = page.getByRole('option').and(page.locator('[data-kind="subject"]')).first();
  await expect(option).toBeVisible();
  await option.click();
  const panel = page.getByTestId('subject-panel');
  await expect(panel.getByRole('heading', { level: 3 }).first()).toHaveText(`${groups.size} groepen`);
  await expect(panel.getByRole('heading', { level: 3 }).nth(1)).toHaveText(`${teachers.size} docent${teachers.size === 1 ? '' : 'en'}`);
  const teacher = [...teachers].sort()[0]!;
  await panel.getByRole('button', { name: new RegExp(`\\(${teacher}\\)`) }).click();
  await expect(page.getByTestId('timetable')).toBeVisible();
  await expect(page.locator('#detail-heading')).toContainText(teacher);
});
