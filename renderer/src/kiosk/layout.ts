/**
 * A 1920x1080 screen read from three metres: 4 x 3 rooms per page keeps the type large enough; more rooms take
 * turns (60 rooms: five pages) rather than making the text smaller.
 */
export const KIOSK_COLUMNS = 4;
export const KIOSK_ROWS = 3;
export const KIOSK_ROOMS_PER_PAGE = KIOSK_COLUMNS * KIOSK_ROWS;
/** Long enough to find and read one room on a page, short enough that all pages come round within a minute. */
export const KIOSK_PAGE_INTERVAL_MS = 12_000;
