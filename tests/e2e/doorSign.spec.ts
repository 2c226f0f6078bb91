import { mkdirSync } from 'node:fs';
import type { Lesson } from '@shared/domain/lesson';
import { at, concerning, demoSchoolAt, heldIn, hhmm, isoInstant, isPlain } from './support/demoSchool';
import { expect, openPage, test, withHost } from './support/kiosk';
import { doorProfile, provisioning } from './support/provisioning';

const DAY = '2026-11-24';
// Far enough ahead for the host to start and the page to load on a slow machine, near enough to keep the test short.
const LEAD_MS = 15_000;

/** Lessons on a room's door sign that day (held there or moved away from it), by start. */
const doorLessons = (lessons: readonly Lesson[], room: string, day: string) =>
  lessons.filter((l) => l.day === day && (l.rooms.includes(room) || l.change.previousRooms.includes(room))).sort((a, b) => a.start - b.start);

test('a door sign flips from lesson to break at the exact second, its clock reading the boundary', async ({ page }) => {
  // The end of period 2 (09:20–10:10): a break follows, so the room falls free at exactly 10:10:00.
  const boundary = at(DAY, '10:10');
  const start = boundary - LEAD_MS;
  const demo = demoSchoolAt(start);
  const ending = demo.lessons.find((l) => {
    if (l.day !== DAY || l.end !== boundary || l.rooms.length !== 1 || !isPlain(l)) return false;
    const room = l.rooms[0]!;
    const later = doorLessons(demo.lessons, room, DAY).filter((x) => x.start >= boundary);
    return concerning(demo, room, boundary - 1).length === 1 && concerning(demo, room, boundary).length === 0 && later.length > 0;
  });
  expect(ending, 'a plain lesson ending at 10:10 in a room with a lesson later that day').toBeDefined();
  const room = ending!.rooms[0]!;
  const next = doorLessons(demo.lessons, room, DAY).find((l) => l.start >= boundary)!;

  await withHost(page, { now: isoInstant(start), provisioning: provisioning({ profiles: [doorProfile(room)] }) }, async (host) => {
    // Once the page is up, every later answer is held back 3 s: the flip must not depend on the network.
    let slowNetwork = false;
    await page.route('**/api/call/**', async (route) => {
      if (slowNetwork) await new Promise((resolve) => setTimeout(resolve, 3_000));
      await route.continue();
    });
    await openPage(page, host);
    const now = page.getByTestId('door-now');
    await expect(now).toContainText(`${hhmm(ending!.start)}–10:10`);
    for (const subject of ending!.subjects) await expect(now).toContainText(subject);
    await expect(page.getByTestId('progress')).toBeVisible();
    await expect(page.getByTestId('clock')).toHaveText(/^10:0[89]:\d\d$/);
    slowNetwork = true;

    // Watch the page itself: note what the clock said when "Nu" first changed.
    await page.evaluate(() => {
      const panel = document.querySelector('[data-testid="door-now"]')!;
      const initial = panel.textContent;
      const w = window as unknown as { __flip: { clock: string; now: string } | null };
      w.__flip = null;
      new MutationObserver(() => {
        if (w.__flip === null && panel.textContent !== initial && !/nog \d+ min/.test(panel.textContent ?? '')) {
          w.__flip = { clock: document.querySelector('[data-testid="clock"]')?.textContent ?? '', now: panel.textContent ?? '' };
        }
      }).observe(panel, { subtree: true, childList: true, characterData: true });
    });
    await expect(page.getByTestId('time-left')).toHaveText('nog 1 min', { timeout: LEAD_MS });

    const flip = await page.waitForFunction(() => (window as unknown as { __flip: unknown }).__flip, undefined, { timeout: LEAD_MS + 5_000 });
    const seen = (await flip.jsonValue()) as { clock: string; now: string };
    expect(seen.clock).toBe('10:10:00');
    expect(seen.now).toContain(`Vrij tot ${hhmm(next.start)}`);
    await expect(page.getByTestId('door-next')).toContainText(`Volgende om ${hhmm(next.start)}`);
    await expect(page.getByTestId('progress')).toHaveCount(0);
  });
});

test.describe('changes on the door sign', () => {
  const demo = demoSchoolAt(at(DAY, '07:00'));
  const today = demo.lessons.filter((l) => l.day === DAY).sort((a, b) => a.start - b.start);
  const during = (lesson: Lesson) => lesson.start + 10 * 60_000;

  test('a cancelled lesson is struck through and labelled, with no time left', async ({ page }) => {
    const lesson = today.find((l) => l.change.cancelled && l.rooms.length === 1 && concerning(demo, l.rooms[0]!, during(l)).length === 1);
    expect(lesson, 'a cancellation on the demo Tuesday').toBeDefined();
    const room = lesson!.rooms[0]!;
    await withHost(page, { now: isoInstant(during(lesson!)), provisioning: provisioning({ profiles: [doorProfile(room)] }) }, async (host) => {
      await openPage(page, host);
      const now = page.getByTestId('door-now');
      await expect(now.getByTestId('change-badge')).toHaveText(/Vervalt/);
      const struck = now.locator('s').filter({ hasText: lesson!.subjects[0]! });
      await expect(struck).toBeVisible();
      expect(await struck.evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('line-through');
      await expect(now.locator('s').filter({ hasText: `${hhmm(lesson!.start)}–${hhmm(lesson!.end)}` })).toBeVisible();
      await expect(page.getByTestId('time-left')).toHaveCount(0);
      mkdirSync('screenshots', { recursive: true });
      await page.screenshot({ path: 'screenshots/door-cancelled.png' });
    });
  });

  test('a room change shows "was" on the new room\'s sign and where it went on the old one\'s', async ({ page }) => {
    const lesson = today.find((l) => l.change.previousRooms.length === 1 && l.rooms.length === 1 && !l.change.cancelled &&
      heldIn(demo, l.change.previousRooms[0]!, during(l)).length === 0 && concerning(demo, l.rooms[0]!, during(l)).length === 1);
    expect(lesson, 'a room change on the demo Tuesday whose old room is empty meanwhile').toBeDefined();
    const [moved, old] = [lesson!.rooms[0]!, lesson!.change.previousRooms[0]!];
    await withHost(page, { now: isoInstant(during(lesson!)), provisioning: provisioning({ profiles: [doorProfile(moved)] }) }, async (host) => {
      await openPage(page, host);
      const inNewRoom = page.getByTestId('door-now');
      await expect(page.getByTestId('door-sign').getByRole('heading', { level: 2 })).toHaveText(moved);
      await expect(inNewRoom.getByTestId('change-badge')).toHaveText(/Ander lokaal/);
      await expect(inNewRoom).toContainText(`was ${old}`);
      mkdirSync('screenshots', { recursive: true });
      await page.screenshot({ path: 'screenshots/door-room-change-new-room.png' });

      // The old room's sign, on the same screen through ?rooms= (the page address wins over the profile).
      await page.goto(`${host.origin}/kiosk.html?rooms=${encodeURIComponent(old)}`);
      await expect(page.getByTestId('door-sign').getByRole('heading', { level: 2 })).toHaveText(old);
      const inOldRoom = page.getByTestId('door-now');
      await expect(inOldRoom.getByTestId('change-badge')).toHaveText(/Verplaatst/);
      await expect(inOldRoom).toContainText(`Verplaatst naar ${moved}`);
      await expect(inOldRoom).toContainText(lesson!.subjects[0]!);
    });
  });
});

test('after the last lesson on a Friday the door sign shows Monday\'s first lesson', async ({ page }) => {
  const friday = '2026-11-27';
  const monday = '2026-11-30';
  const demo = demoSchoolAt(at(friday, '07:00'));
  // A room whose Friday ends before the last period, with one lesson that opens its Monday.
  const room = demo.rooms.map((r) => r.code).find((code) => {
    const fri = doorLessons(demo.lessons, code, friday);
    const mon = doorLessons(demo.lessons, code, monday);
    return fri.length > 0 && fri.at(-1)!.end <= at(friday, '15:20') && mon.length > 0 && mon[1]?.start !== mon[0]!.start && !mon[0]!.change.cancelled;
  });
  expect(room, 'a room with lessons on Friday 27 and Monday 30 November').toBeDefined();
  const lastOnFriday = doorLessons(demo.lessons, room!, friday).at(-1)!;
  const firstOnMonday = doorLessons(demo.lessons, room!, monday)[0]!;

  await withHost(page, { now: isoInstant(lastOnFriday.end + 5 * 60_000), provisioning: provisioning({ profiles: [doorProfile(room!)] }) }, async (host) => {
    await openPage(page, host);
    await expect(page.getByTestId('date')).toHaveText('vrijdag 27 november 2026');
    await expect(page.getByTestId('door-now')).toContainText('Geen lessen tot maandag 30 november');
    const next = page.getByTestId('door-next');
    await expect(next).toContainText('Eerste les maandag 30 november');
    await expect(next).toContainText(`ma ${hhmm(firstOnMonday.start)}–${hhmm(firstOnMonday.end)}`);
    for (const subject of firstOnMonday.subjects) await expect(next).toContainText(subject);
    mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/door-friday-after-last-lesson.png' });
  });
});
