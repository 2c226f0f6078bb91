import { describe, expect, it } from 'vitest';
import { writeSnapshot } from '../sync/writer';
import { openTestCache } from '../testing/openTestCache';
import { at, DAY, lesson, NEXT_DAY, sampleSnapshot, ZONE } from '../testing/sampleSchool';
import { useTempDirs } from '../testing/tempDir';
import { createChangesBoard } from './changesBoard';

const tempDir = useTempDirs();

describe('the changes board', () => {
  const lessons = [
    ...sampleSnapshot().lessons,
    lesson('tomorrow-cancelled', NEXT_DAY, 2, 'A1.02', { groups: ['2H1', '10A'], change: { cancelled: true } }),
  ];

  function board() {
    const db = openTestCache(tempDir());
    writeSnapshot(db, sampleSnapshot({ lessons }), { scope: 'kiosk', source: 'test', now: at(DAY, '07:00') });
    return createChangesBoard(db, () => ZONE);
  }

  it("lists today's changed lessons under their groups, and nothing unchanged", () => {
    const result = board()(at(DAY, '08:00'), false);
    expect(result.days).toHaveLength(1);
    expect(result.days[0]!.day).toBe(DAY);
    expect(result.days[0]!.groups.map((g) => [g.group, g.lessons.map((l) => l.id)])).toEqual([
      ['1A', ['ne-1A-p3']],
      ['1B', ['en-1B-p1', 'bi-1B-p3']],
    ]);
  });

  it('adds the next school day when asked, groups in natural order (2H1 before 10A)', () => {
    const result = board()(at(DAY, '14:00'), true);
    expect(result.days.map((d) => d.day)).toEqual([DAY, NEXT_DAY]);
    expect(result.days[1]!.groups.map((g) => g.group)).toEqual(['2H1', '10A']);
  });
});
