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
