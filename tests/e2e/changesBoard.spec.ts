import type { Lesson } from '@shared/domain/lesson';
import { addDays } from '@shared/timetable/zonedTime';
import { at, demoSchoolAt, isoInstant } from './support/demoSchool';
import { expect, openPage, test, withHost } from './support/kiosk';
import { provisioning } from './support/provisioning';

const DAY = '2026-11-24';
const byCode = new Intl.Collator('nl', { numeric: true, sensitivity: 'base' });
const changed = (l: Lesson) => l.change.cancelled || l.change.added || l.change.previousRooms.length > 0 ||
  l.change.previousTeachers.length > 0 || l.change.previousStart !== null;

/** The blocks the board should show, worked out plainly from the demo timetable: "group day-label", in order. */
function expectedBlocks(now: number, days: { day: string; label: string }[]): string[] {
  const demo = demoSchoolAt(now);
  return days.flatMap(({ day, label }) => {
    const lessons = demo.lessons.filter((l) => l.day === day && changed(l) && l.end > now);
    const groups = [...new Set(lessons.flatMap((l) => l.groups))].sort(byCode.compare);
    return groups.map((group) => `${group} ${label}`);
  });
}

test('the changes board shows today\'s remaining changes by group, and tomorrow\'s from the set hour on', async ({ page }) => {
  // Late in the day, so that today's remaining changes leave room on the first page for tomorrow's.
  const before = at(DAY, '15:00') - 10_000;
  const profile = { id: 'wijzigingen', name: 'Wijzigingen', layout: 'changes' as const, changesNextDayFrom: '15:00', pagingSeconds: 300 };
  await withHost(page, { now: isoInstant(before), provisioning: provisioning({ profiles: [profile] }) }, async (host) => {
    await openPage(page, host);
    const board = page.getByTestId('changes-board');
    const shown = () => board.locator('section').evaluateAll((sections) => sections.map((s) => s.getAttribute('aria-label') ?? ''));
    const today = expectedBlocks(before, [{ day: DAY, label: 'Vandaag' }]);
    expect(today.length, 'the demo Tuesday has changes after 15:00').toBeGreaterThan(0);
    // A fresh host may answer before its first sync is in: the board fills when the data arrives.
    await expect.poll(async () => (await shown()).length).toBeGreaterThan(0);
    const first = await shown();
    expect(first).toEqual(today.slice(0, first.length));
    await expect(board).not.toContainText('Morgen');

    // At 15:00 tomorrow's changes join, under their own heading.
    await expect(board.getByText('Morgen · woensdag').first()).toBeVisible({ timeout: 20_000 });
    const both = expectedBlocks(at(DAY, '15:00'), [{ day: DAY, label: 'Vandaag' }, { day: addDays(DAY, 1), label: 'Morgen · woensdag' }]);
    const page1 = await shown();
    expect(page1).toEqual(both.slice(0, page1.length));
    await expect(board.getByTestId('change-badge').first()).toBeVisible();
  });
});
