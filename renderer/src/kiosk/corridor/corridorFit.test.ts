import { describe, expect, it } from 'vitest';
import { CARD_EM, fitCorridor, ROW_EM } from './corridorFit';

// A 55-inch 1080p screen read from 3 m: about 61 x 35 rem, of which the grid gets about 59 x 26.
const LANDSCAPE = [59, 26] as const;
const PORTRAIT = [33, 53] as const;

describe('the corridor fills its space at reading size', () => {
  it('puts as many cards on a page as fit and no more, each page balanced', () => {
    const fit = fitCorridor(10, ...LANDSCAPE);
    expect(fit).toMatchObject({ form: 'cards', columns: 3, rows: 2, pages: 2, perPage: 5, fill: 1 });
    expect(fit.columns * CARD_EM.width + (fit.columns - 1) * CARD_EM.gap).toBeLessThanOrEqual(LANDSCAPE[0]);
    expect(fit.rows * CARD_EM.height + (fit.rows - 1) * CARD_EM.gap).toBeLessThanOrEqual(LANDSCAPE[1]);
  });

  it('grows the type when there are few rooms, never past the ceiling, and never beyond the space', () => {
    const four = fitCorridor(4, ...LANDSCAPE);
    expect(four.fill).toBeGreaterThan(1.05);
    expect(four.columns * four.rows).toBeGreaterThanOrEqual(4);
    expect((four.columns * (CARD_EM.width + CARD_EM.gap) - CARD_EM.gap) * four.fill).toBeLessThanOrEqual(LANDSCAPE[0] + 1e-9);
    expect((four.rows * (CARD_EM.height + CARD_EM.gap) - CARD_EM.gap) * four.fill).toBeLessThanOrEqual(LANDSCAPE[1] + 1e-9);
    expect(fitCorridor(1, ...LANDSCAPE).fill).toBe(1.8);
  });

  it('turns to one row a room when the cards would take more than two pages, so 60 rooms take three pages', () => {
    const sixty = fitCorridor(60, ...LANDSCAPE);
    expect(sixty).toMatchObject({ form: 'rows', columns: 2, pages: 3, perPage: 20 });
    expect(sixty.rows * ROW_EM.height + ROW_EM.head).toBeLessThanOrEqual(LANDSCAPE[1]);
    expect(fitCorridor(150, ...PORTRAIT).form).toBe('rows');
  });
});
