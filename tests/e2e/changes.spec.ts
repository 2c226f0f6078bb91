import { mkdirSync } from 'node:fs';
import type { Lesson } from '@shared/domain/lesson';
import { at, concerning, demoSchoolAt, heldIn, hhmm, isoInstant } from './support/demoSchool';
import { expect, openPage, roomCard, slot, test, withHost } from './support/kiosk';

const DAY = '2026-11-24';
// The demo's changes are fixed per date and lesson; this finds them in the same snapshot the host will sync.
const demo = demoSchoolAt(at(DAY, '07:00'));
const today = demo.lessons.filter((l) => l.day === DAY).sort((a, b) => a.start - b.start);
const during = (lesson: Lesson) => lesson.start + 10 * 60_000;

test('a cancelled lesson is struck through and labelled "Vervalt"', async ({ page }) => {
  const lesson = today.find((l) => l.change.cancelled && l.rooms.length === 1 && concerning(demo, l.rooms[0]!, during(l)).length === 1);
  expect(lesson, 'a cancellation on the demo Tuesday').toBeDefined();
  const code = lesson!.rooms[0]!;
  await withHost(page, { now: isoInstant(during(lesson!)) }, async (host) => {
    await openPage(page, host, { rooms: code });
    const now = slot(roomCard(page, code), 'Nu');
    await expect(now.getByTestId('change-badge')).toHaveText(/Vervalt/);
    const struck = now.locator('s').filter({ hasText: lesson!.subjects[0]! });
    await expect(struck).toBeVisible();
    expect(await struck.evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('line-through');
    await expect(now.locator('s').filter({ hasText: `${hhmm(lesson!.start)}–${hhmm(lesson!.end)}` })).toBeVisible();
  });
});

test('a room change shows "was" in the new room and where it went in the old one', async ({ page }) => {
  const lesson = today.find((l) => l.change.previousRooms.length === 1 && l.rooms.length === 1 && !l.change.cancelled &&
    heldIn(demo, l.change.previousRooms[0]!, during(l)).length === 0);
  expect(lesson, 'a room change on the demo Tuesday whose old room is empty meanwhile').toBeDefined();
  const [moved, old] = [lesson!.rooms[0]!, lesson!.change.previousRooms[0]!];
  await withHost(page, { now: isoInstant(during(lesson!)) }, async (host) => {
    await openPage(page, host, { rooms: `${moved},${old}` });
    const inNewRoom = slot(roomCard(page, moved), 'Nu');
    await expect(inNewRoom.getByTestId('change-badge')).toHaveText(/Ander lokaal/);
    await expect(inNewRoom).toContainText(`was ${old}`);
    const inOldRoom = slot(roomCard(page, old), 'Nu');
    await expect(inOldRoom.getByTestId('change-badge')).toHaveText(/Verplaatst/);
    await expect(inOldRoom).toContainText(`Verplaatst naar ${moved}`);
    await expect(inOldRoom).toContainText(lesson!.subjects[0]!);
    mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/kiosk-room-change.png' });
  });
});

test('a substitute is labelled "Invaller" with the new teacher and who was replaced', async ({ page }) => {
  const lesson = today.find((l) => l.change.previousTeachers.length > 0 && !l.change.cancelled && l.rooms.length === 1 &&
    concerning(demo, l.rooms[0]!, during(l)).length === 1);
  expect(lesson, 'a substitution on the demo Tuesday').toBeDefined();
  const code = lesson!.rooms[0]!;
  await withHost(page, { now: isoInstant(during(lesson!)) }, async (host) => {
    await openPage(page, host, { rooms: code });
    const now = slot(roomCard(page, code), 'Nu');
    await expect(now.getByTestId('change-badge')).toHaveText(/Invaller/);
    await expect(now).toContainText(lesson!.teachers[0]!);
    await expect(now).toContainText(`was ${lesson!.change.previousTeachers.join(', ')}`);
  });
});
