import { generateDemoSchool } from '../../electron/core/demo';
import { at, isoInstant, ZONE } from './support/demoSchool';
import { expect, test } from './support/kiosk';
import { go, openAsFirstAdmin, waitForDemoSchool } from './staffSupport/staffFlows';
import { type RunningStaffHost, startStaffHost } from './staffSupport/staffHost';

test.use({ actionTimeout: 15_000 });

// "Which room can I use now?" at 10:33 on a Tuesday: the finder opens on the period under way (the 3rd, 10:25-11:15),
// says it is now, lists teaching rooms only with until when each stays free, and shows the gyms and the aula on request.
const NOW_MS = at('2026-11-24', '10:33');
let host: RunningStaffHost | null = null;
test.afterEach(async ({ page }) => {
  await page.close();
  await host?.stop();
  host = null;
});

test('free rooms at 10:33 open at the current period, say "now", and leave out the gyms and the aula unless asked', async ({ page }) => {
  test.setTimeout(120_000);
  const school = generateDemoSchool({ size: 'standard', now: NOW_MS, zone: ZONE, scope: 'staff' });
  const [periodStart, periodEnd] = [at('2026-11-24', '10:25'), at('2026-11-24', '11:15')];
  const busy = new Set(school.lessons.filter((l) => !l.change.cancelled && l.start < periodEnd && l.end > periodStart).flatMap((l) => l.rooms));
  const free = (kinds: readonly string[]) => school.rooms.filter((r) => kinds.includes(r.kind) && !busy.has(r.code)).map((r) => r.code).sort();
  const teaching = free(['classroom', 'lab', 'workshop', 'other']);
  const others = free(['gym', 'aula', 'office']);
  expect(others.length, 'the demo school has a gym or the aula free then').toBeGreaterThan(0);

  host = await startStaffHost({ now: isoInstant(NOW_MS) });
  await openAsFirstAdmin(page, host);
  await waitForDemoSchool(page);
  await go(page, 'Vrije lokalen');
  // No search needed: it opens on today's current period, found at once.
  await expect(page.getByTestId('free-rooms-heading')).toHaveText('Nu vrij: 3e uur (10:25–11:15)');
  await expect(page.getByLabel('Lesuur')).toHaveValue('3');
  const rows = page.getByTestId('free-rooms').locator('tbody tr');
  const codes = async () => (await rows.locator('th').allTextContents()).map((c) => c.trim()).sort();
  await expect.poll(codes).toEqual(teaching);
  // Until when: a time, or the rest of the day.
  for (const until of await rows.locator('td:last-child').allTextContents()) expect(until.trim()).toMatch(/^(\d{2}:\d{2}|rest van de dag)$/);

  await page.getByLabel('Ook gymzalen, aula en kantoren').check();
  await page.getByRole('button', { name: 'Zoek vrije lokalen' }).click();
  await expect.poll(codes).toEqual([...teaching, ...others].sort());

  // Another period is not "now".
  await page.getByLabel('Lesuur').selectOption('5');
  await page.getByRole('button', { name: 'Zoek vrije lokalen' }).click();
  await expect(page.getByTestId('free-rooms-heading')).toHaveText('Vrij in het 5e uur (12:35–13:25)');
});
