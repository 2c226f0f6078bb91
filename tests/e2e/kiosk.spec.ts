import { mkdirSync } from 'node:fs';
import type { Lesson } from '@shared/domain/lesson';
import { at, concerning, demoSchoolAt, heldIn, hhmm, isoInstant, isPlain } from './support/demoSchool';
import { expect, openPage, roomCard, slot, test, visibleRoomCodes, withHost, DEMO_PAGES, DEMO_PER_PAGE } from './support/kiosk';

// A Tuesday morning in winter time. The demo school is generated around the host's --now, so any date works.
const DAY = '2026-11-24';
const NOW = at(DAY, '09:15');

const facts = (lesson: Lesson) => [...lesson.subjects, ...lesson.groups.slice(0, 3), ...lesson.teachers];

test('shows the school, the clock and each room on the page with its lesson now and next, as the demo timetable has them', async ({ page }) => {
  const demo = demoSchoolAt(NOW);
  await withHost(page, { now: isoInstant(NOW) }, async (host) => {
    await openPage(page, host);

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(demo.school.name);
    await expect(page.getByTestId('clock')).toHaveText(/^09:15:\d\d$/);
    await expect(page.getByTestId('date')).toHaveText('dinsdag 24 november 2026');
    await expect(page.getByTestId('updated')).toHaveText(/^Bijgewerkt 09:1\d$/);
    // 60 rooms at reading size: a row each, three pages of 20.
    await expect(page.getByTestId('page-indicator')).toContainText(`1/${DEMO_PAGES}`);

    // One snapshot of what the screen says, taken at once: the page turns every 12 s and must not turn mid-check.
    const cards = await page.getByRole('region').evaluateAll((sections) => sections.map((section) => {
      const part = (label: string) => section.querySelector(`[role="group"][aria-label="${label}"]`);
      return {
        code: (section.getAttribute('aria-label') ?? '').split(' ')[0]!,
        now: part('Nu')?.textContent ?? '',
        next: part('Straks')?.textContent ?? '',
        nowBadges: part('Nu')?.querySelectorAll('[data-testid="change-badge"]').length ?? 0,
      };
    }));
    expect(cards).toHaveLength(DEMO_PER_PAGE);
    let checked = 0;
    for (const card of cards) {
      const involved = concerning(demo, card.code, NOW);
      const held = heldIn(demo, card.code, NOW);
      if (involved.length === 0) {
        expect(card.now, card.code).toContain('Vrij');
      } else if (held.length === 1 && involved.length === 1) {
        const lesson = held[0]!;
        // One row a room (60 rooms): what is on now, without its times; those are for what comes next.
        for (const fact of facts(lesson)) expect(card.now, card.code).toContain(fact);
        if (isPlain(lesson)) expect(card.nowBadges, card.code).toBe(0);
        checked += 1;
      }
      // Next: the first lesson for the room after now (or after the lesson now), when only one starts then.
      const after = held[0]?.end ?? NOW;
      const upcoming = demo.lessons
        .filter((l) => (l.rooms.includes(card.code) || l.change.previousRooms.includes(card.code)) && l.start >= after)
        .sort((a, b) => a.start - b.start);
      const next = upcoming[0];
      if (next && next.day === DAY && upcoming[1]?.start !== next.start) {
        // A row shows a plain lesson's start; a changed one shows its change word in that place.
        if (isPlain(next)) expect(card.next, card.code).toContain(hhmm(next.start));
        for (const fact of facts(next)) expect(card.next, card.code).toContain(fact);
      }
    }
    // The demo fills most rooms at 09:15: the comparison above must have had lessons to compare.
    expect(checked).toBeGreaterThan(3);

    mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/kiosk-nl-0915.png' });
  });
});

test('pages calmly through all rooms, a page at a time', async ({ page }) => {
  test.setTimeout(90_000);
  await withHost(page, { now: isoInstant(NOW) }, async (host) => {
    await openPage(page, host);
    const first = await visibleRoomCodes(page);
    await expect(page.getByTestId('page-indicator')).toContainText(`1/${DEMO_PAGES}`);
    await expect(page.getByTestId('page-indicator')).toContainText(`2/${DEMO_PAGES}`, { timeout: 15_000 });
    const second = await visibleRoomCodes(page);
    expect(second).toHaveLength(DEMO_PER_PAGE);
    expect(second.filter((code) => first.includes(code))).toEqual([]);
    // Text is not shrunk to fit: the room codes stay as large as on the first page.
    const size = await roomCard(page, second[0]!).getByRole('heading').evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
    expect(size).toBeGreaterThanOrEqual(36);
  });
});

test('shows the English labels with ?lang=en', async ({ page }) => {
  await withHost(page, { now: isoInstant(NOW) }, async (host) => {
    await openPage(page, host, { lang: 'en' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('date')).toHaveText(/^Tuesday,? 24 November 2026$/);
    await expect(page.getByTestId('updated')).toHaveText(/^Updated 09:1\d$/);
    const card = page.getByRole('region').first();
    await expect(slot(card, 'Now')).toBeVisible();
    await expect(slot(card, 'Next')).toBeVisible();
    await expect(page.getByText('Nu', { exact: true })).toHaveCount(0);
    mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/kiosk-en-0915.png' });
  });
});

test('a door sign shows only the rooms asked for', async ({ page }) => {
  const demo = demoSchoolAt(NOW);
  const [a, b] = [demo.rooms[5]!.code, demo.rooms[40]!.code];
  await withHost(page, { now: isoInstant(NOW) }, async (host) => {
    await openPage(page, host, { rooms: `${a},${b}` });
    await expect.poll(() => visibleRoomCodes(page)).toEqual([a, b].sort((x, y) => x.localeCompare(y, 'nl', { numeric: true })));
    await expect(page.getByTestId('page-indicator')).toHaveCount(0);
  });
});

test('runs under the host\'s CSP, and this suite would notice a violation', async ({ page, problems }) => {
  await withHost(page, { now: isoInstant(NOW) }, async (host) => {
    await openPage(page, host);
    expect(problems.list).toEqual([]);
    // An inline script is what the CSP exists to stop: it must be refused, and reported to the fixture.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
    });
    await expect.poll(() => problems.list.some((text) => text.startsWith('csp: script-src'))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
    problems.list.length = 0;
  });
});
