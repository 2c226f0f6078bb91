import { type ChangesPage, type ChangeBlock, packChanges } from './changesPages';

/*
 * The changes board's columns and the lines each holds, at reading size (docs/reading-distance.md): a line is
 * CHANGE_LINE_REM high (ChangeBlock.vue and ChangeLine.vue are drawn to it), a column at least COLUMN_MIN_REM wide.
 */
export const CHANGE_LINE_REM = 1.6;
const COLUMN_MIN_REM = 18;
const COLUMN_GAP_REM = 0.6;
/** A column's padding and border, top and bottom. */
const COLUMN_EDGE_REM = 0.55;

export function changesGrid(width: number, height: number): { columns: number; lines: number } {
  const columns = Math.max(1, Math.floor((width + COLUMN_GAP_REM) / (COLUMN_MIN_REM + COLUMN_GAP_REM)));
  const lines = Math.max(4, Math.floor((height - COLUMN_EDGE_REM) / CHANGE_LINE_REM));
  return { columns, lines };
}

/** The board's type grows at most this much over its reading size when there are few changes. */
export const CHANGES_FILL_MAX = 1.6;
const FILL_STEP = 0.1;

export interface ChangesFit {
  columns: number;
  lines: number;
  /** The board's type over 1rem. */
  fill: number;
  pages: ChangesPage[];
}

/**
 * The largest type (up to CHANGES_FILL_MAX) at which every change fits on one page, in fewer, wider columns; at
 * reading size with pages when even that does not hold them. A few changes then fill the board instead of
 * standing small in its top corner.
 */
export function fitChanges(blocks: readonly Omit<ChangeBlock, 'opensDay'>[], width: number, height: number): ChangesFit {
  for (let step = Math.round((CHANGES_FILL_MAX - 1) / FILL_STEP); step > 0; step--) {
    const fill = 1 + step * FILL_STEP;
    const grid = changesGrid(width / fill, height / fill);
    const pages = packChanges(blocks, grid.columns, grid.lines);
    if (pages.length <= 1) return { ...grid, fill, pages };
  }
  const grid = changesGrid(width, height);
  return { ...grid, fill: 1, pages: packChanges(blocks, grid.columns, grid.lines) };
}
