import type { ChangesBoard } from '@shared/contract';
import type { Lesson } from '@shared/domain/lesson';
import type { Instant, LocalDate } from '@shared/domain/time';

/** One group's changes on one day: a block on the changes board, never split over two columns. */
export interface ChangeBlock {
  key: string;
  day: LocalDate;
  group: string;
  lessons: Lesson[];
  /** The first block of its day in its column carries the day's heading. */
  opensDay: boolean;
}

export type ChangesColumn = ChangeBlock[];
export type ChangesPage = ChangesColumn[];

/** A changed lesson takes two lines: what and when, then what changed. */
export const LINES_PER_LESSON = 2;

/** The lines a block takes: its group heading and its lessons, plus the day heading when it opens one. */
export const blockLines = (block: Pick<ChangeBlock, 'lessons' | 'opensDay'>) =>
  1 + block.lessons.length * LINES_PER_LESSON + (block.opensDay ? 1 : 0);

/** The changes still worth reading: today's lessons that have not ended yet, and every one of the next day. */
export function changeBlocks(board: ChangesBoard, at: Instant): Omit<ChangeBlock, 'opensDay'>[] {
  const blocks: Omit<ChangeBlock, 'opensDay'>[] = [];
  for (const { day, groups } of board.days) {
    for (const { group, lessons } of groups) {
      const current = lessons.filter((lesson) => lesson.end > at);
      if (current.length > 0) blocks.push({ key: `${day} ${group}`, day, group, lessons: current });
    }
  }
  return blocks;
}

/**
 * Packs blocks into columns of at most `lines` lines and columns into pages, in reading order: the board pages
 * calmly instead of shrinking its text. A block longer than a column gets a column of its own and is cut there.
 */
export function packChanges(blocks: readonly Omit<ChangeBlock, 'opensDay'>[], columns: number, lines: number): ChangesPage[] {
  const pages: ChangesPage[] = [];
  let page: ChangesPage = [];
  let column: ChangesColumn = [];
  let used = 0;
  const closeColumn = () => {
    if (column.length === 0) return;
    page.push(column);
    column = [];
    used = 0;
    if (page.length === columns) {
      pages.push(page);
      page = [];
    }
  };
  for (const block of blocks) {
    let placed: ChangeBlock = { ...block, opensDay: column.at(-1)?.day !== block.day };
    if (used + blockLines(placed) > lines && column.length > 0) {
      closeColumn();
      placed = { ...block, opensDay: true };
    }
    if (blockLines(placed) > lines) {
      placed = { ...placed, lessons: placed.lessons.slice(0, Math.max(1, Math.floor((lines - 2) / LINES_PER_LESSON))) };
    }
    column.push(placed);
    used += blockLines(placed);
  }
  closeColumn();
  if (page.length > 0) pages.push(page);
  return pages;
}
