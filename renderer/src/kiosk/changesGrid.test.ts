import { describe, expect, it } from 'vitest';
import { DAY, lesson } from '../testing/builders';
import { CHANGE_LINE_REM, CHANGES_FILL_MAX, changesGrid, fitChanges } from './changesGrid';
import { blockLines } from './changesPages';

const block = (group: string, count: number) =>
  ({ key: `${DAY} ${group}`, day: DAY, group, lessons: Array.from({ length: count }, () => lesson('10:25', '11:15', { change: { cancelled: true } })) });
const blocks = (n: number, each = 2) => Array.from({ length: n }, (_, i) => block(`${i + 1}A`, each));

/** A 55-inch board at 3 m: about 60 × 30 rem for the changes. */
const WIDTH = 60;
const HEIGHT = 30;

describe('the changes board fills its space', () => {
  it('sets a few changes in larger type, in fewer and wider columns, on one page', () => {
    const few = fitChanges(blocks(2), WIDTH, HEIGHT);
    expect(few.fill).toBeCloseTo(CHANGES_FILL_MAX);
    expect(few.pages).toHaveLength(1);
    expect(few.columns).toBeLessThan(changesGrid(WIDTH, HEIGHT).columns);
  });

  it('grows less as the changes get more, and never so much that a column runs past the board', () => {
    let last = Infinity;
    for (const n of [1, 3, 6, 8]) {
      const fit = fitChanges(blocks(n), WIDTH, HEIGHT);
      expect(fit.fill).toBeLessThanOrEqual(last);
      last = fit.fill;
      expect(fit.pages).toHaveLength(1);
      // Every column's lines, at the grown size, within the board's height.
      for (const column of fit.pages[0]!) {
        const lines = column.reduce((n, b) => n + blockLines(b), 0);
        expect(lines * CHANGE_LINE_REM * fit.fill).toBeLessThanOrEqual(HEIGHT);
      }
    }
  });

  it('keeps the reading size and pages when the changes do not fit one page', () => {
    const many = fitChanges(blocks(40, 3), WIDTH, HEIGHT);
    expect(many.fill).toBe(1);
    expect(many.pages.length).toBeGreaterThan(1);
    expect(many.columns).toBe(changesGrid(WIDTH, HEIGHT).columns);
  });
});
