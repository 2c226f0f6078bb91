import type { DisplayProfile } from '../../../shared/domain/display';

export type Orientation = DisplayProfile['orientation'];

/**
 * Room cards per page. A landscape 1920x1080 screen read from three metres: 4 x 3 rooms keeps the type large
 * enough; a portrait 1080x1920 one holds 2 x 6 cards of the same type (2 x 7 clips a card with changes both now
 * and next). More rooms take turns (60 rooms: five pages) rather than making the text smaller.
 */
export const ROOM_GRID: Record<Orientation, { columns: number; rows: number }> = {
  landscape: { columns: 4, rows: 3 },
  portrait: { columns: 2, rows: 6 },
};
export const KIOSK_COLUMNS = ROOM_GRID.landscape.columns;
export const KIOSK_ROWS = ROOM_GRID.landscape.rows;
export const KIOSK_ROOMS_PER_PAGE = KIOSK_COLUMNS * KIOSK_ROWS;

/** Long enough to find and read one room on a page, short enough that all pages come round within a minute. */
export const KIOSK_PAGE_INTERVAL_MS = 12_000;

/**
 * The changes board's columns and the lines each holds (a line is 2.5rem: see ChangeBlock.vue). Landscape has
 * 67.5rem of height of which about 44rem is left for the board under header, title, band and footer; portrait
 * about 92rem.
 */
export const CHANGES_GRID: Record<Orientation, { columns: number; lines: number }> = {
  landscape: { columns: 3, lines: 17 },
  portrait: { columns: 2, lines: 36 },
};

/** A door sign lists at most this many lessons after the next one; a longer day ends in "and 2 more". */
export const DOOR_LATER_MAX: Record<Orientation, number> = { landscape: 7, portrait: 6 };
