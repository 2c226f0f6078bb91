import { generateDemoSchool } from '../../electron/core/demo';
import { at, isoInstant, ZONE } from './support/demoSchool';
import { expect, test } from './support/kiosk';
import { openAsFirstAdmin, searchBox, waitForDemoSchool } from './staffSupport/staffFlows';
import { type RunningStaffHost, startStaffHost } from './staffSupport/staffHost';

test.use({ actionTimeout: 15_000 });

// "What does this teacher have in the 4th period on Wednesday?": a week as rows of periods and columns of days.
const NOW_MS = at('2026-11-24', '10:30');
const WEEK = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
let host: RunningStaffHost | null = null;
test.afterEach(async ({ page }) => {
  await page.close();
  await host?.stop();
  host = null;
});

test('a week timetable is a grid of periods: a free period is an empty cell, a double lesson spans two rows, rows line up, and it prints on one A4 landscape page', async ({ page }) => {
  test.setTimeout(120_000);
  const school = generateDemoSchool({ size: 'standard', now: NOW_MS, zone: ZONE, scope: 'staff' });
  const lessonsOf = (code: string) => school.lessons.filter((l) => l.teachers.includes(code) && WEEK.includes(l.day));
  // A teacher with a double lesson this week, and a free period between two of their lessons on some day.
  /** The periods a lesson covers. */
  const covers = (l: (typeof school.lessons)[number]) =>
    Array.from({ length: (l.periodTo ?? 0) - (l.periodFrom ?? 0) + 1 }, (_, i) => (l.periodFrom ?? 0) + i);
  /** A day with a free period between two of `code`'s lessons. */
  const hasGap = (code: string, day: string) => {
    const taken = lessonsOf(code).filter((l) => l.day === day).flatMap(covers);
    if (taken.length === 0) return false;
    const [first, last] = [Math.min(...taken), Math.max(...taken)];
    return Array.from({ length: last - first }, (_, i) => first + i).some((p) => !taken.includes(p));
  };
  const teacher = school.teachers.find((t) => lessonsOf(t.code).some((l) => covers(l).length > 1) && WEEK.some((day) => hasGap(t.code, day)))!;
  expect(teacher, 'the demo school has such a teacher').toBeTruthy();
  const mine = lessonsOf(teacher.code);
  const double = mine.find((l) => (l.periodTo ?? 0) > (l.periodFrom ?? 0))!;

  host = await startStaffHost({ now: isoInstant(NOW_MS) });
  await openAsFirstAdmin(page, host);
  await waitForDemoSchool(page);
  const box = searchBox(page);
  await box.pressSequentially(teacher.code);
  await expect(page.getByRole('option').first()).toHaveAttribute('data-kind', 'teacher');
  await box.press('Enter');
  const grid = page.getByTestId('week-grid');
  await expect(grid.getByTestId('lesson').first()).toBeVisible();

  // Rows line up: one row per period, in order, each with its period in its first cell.
  const rowPeriods = await grid.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-period')));
  expect(rowPeriods.slice(0, 8)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  // Every row accounts for every day: its own cells plus those reaching down from above.
  const columns = await grid.locator('tbody').evaluate((body) => {
    // The table's own layout: each cell takes the first free column of its row, and its rowspan keeps that column
    // taken in the rows below.
    const taken: boolean[][] = [];
    const rows = [...body.querySelectorAll('tr')];
    rows.forEach((tr, r) => {
      let c = 0;
      for (const td of tr.querySelectorAll('td')) {
        while (taken[r]?.[c]) c++;
        const span = Number(td.getAttribute('rowspan') ?? '1');
        for (let k = 0; k < span; k++) (taken[r + k] ??= [])[c] = true;
        c++;
      }
    });
    return rows.map((_, r) => (taken[r] ?? []).filter(Boolean).length);
  });
  expect(new Set(columns)).toEqual(new Set([WEEK.length]));

  // The double lesson: one cell two rows high, in the row of its first period.
  const doubleCell = grid.locator(`tbody tr[data-period="${double.periodFrom}"] td[data-day="${double.day}"]`);
  await expect(doubleCell).toHaveAttribute('rowspan', String((double.periodTo ?? 0) - (double.periodFrom ?? 0) + 1));
  await expect(doubleCell).toContainText(double.subjects[0]!);
  // The teacher's own code is not repeated in every cell.
  await expect(doubleCell).not.toContainText(teacher.code);
  // A free period: an empty cell in its row.
  const free = grid.locator('td.free');
  expect(await free.count()).toBeGreaterThan(0);
  await expect(free.first().getByTestId('lesson')).toHaveCount(0);

  // On paper: one A4 landscape page.
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBe(1);
  await page.screenshot({ path: 'screenshots/staff-week-grid.png' });
});
