import { describe, expect, it } from 'vitest';
import type { ChangesBoard } from '@shared/contract';
import { at, DAY, lesson } from '../testing/builders';
import { blockLines, changeBlocks, packChanges } from './changesPages';

const TOMORROW = '2026-11-25';
const changed = (from: string, to: string) => lesson(from, to, { change: { cancelled: true } });
const block = (group: string, count: number, day = DAY) =>
  ({ key: `${day} ${group}`, day, group, lessons: Array.from({ length: count }, () => changed('10:25', '11:15')) });

describe('changes board pages', () => {
  it('keeps today\'s changes that have not ended and all of the next day, group by group', () => {
    const board: ChangesBoard = {
      days: [
        { day: DAY, groups: [{ group: '1A', lessons: [changed('08:30', '09:20')] }, { group: '2B', lessons: [changed('08:30', '09:20'), changed('10:25', '11:15')] }] },
        { day: TOMORROW, groups: [{ group: '1A', lessons: [lesson('08:30', '09:20', { day: TOMORROW, start: at('08:30', TOMORROW), end: at('09:20', TOMORROW), change: { added: true } })] }] },
      ],
      dataAsOf: null,
    };
    const blocks = changeBlocks(board, at('10:00'));
    expect(blocks.map((b) => [b.day, b.group, b.lessons.length])).toEqual([[DAY, '2B', 1], [TOMORROW, '1A', 1]]);
  });

  it('fills columns in reading order, never splitting a group, and opens each day and column with its heading', () => {
    // 1A: day + group + 3 x 2 = 8 lines; 1B: 7 more (15); 2A opens the next day: 6 lines, past 16.
    const pages = packChanges([block('1A', 3), block('1B', 3), block('2A', 2, TOMORROW)], 2, 16);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.map((column) => column.map((b) => [b.group, b.opensDay]))).toEqual([
      [['1A', true], ['1B', false]],
      [['2A', true]],
    ]);
    for (const column of pages[0]!) expect(column.reduce((sum, b) => sum + blockLines(b), 0)).toBeLessThanOrEqual(16);
  });

  it('turns to a new page when the columns are full, and cuts a block too long for any column', () => {
    const pages = packChanges([block('1A', 5), block('1B', 5), block('1C', 5), block('1D', 40)], 2, 14);
    expect(pages.map((page) => page.map((column) => column.map((b) => b.group)))).toEqual([[['1A'], ['1B']], [['1C'], ['1D']]]);
    expect(pages[1]![1]![0]!.lessons).toHaveLength(6);
    expect(blockLines(pages[1]![1]![0]!)).toBeLessThanOrEqual(14);
  });

  it('has no pages without changes', () => {
    expect(packChanges([], 3, 10)).toEqual([]);
  });
});
