/*
 * How the corridor fills its space (docs/reading-distance.md): room cards of a fixed size in rem (so the type stays
 * at its reading size), as many a page as fit and no more, pages balanced; with few rooms the cards grow to fill the
 * screen, up to a ceiling; with many, a compact row a room (code, now, next), so that every room comes round within
 * 30 seconds.
 */

/** A room card's size in em of the grid's type (RoomCard.vue is drawn to it). */
export const CARD_EM = { width: 16, height: 11.8, gap: 0.6 } as const;
/** A room's row in the compact form, and a column of rows (RoomRows.vue). */
export const ROW_EM = { height: 2.05, minWidth: 29, head: 1.6, gap: 1 } as const;
/** Text grows at most this much over its reading size when there is room to spare. */
export const FILL_MAX = 1.8;
/** Cards while every room fits on this many pages; rows beyond. */
const CARD_PAGES_MAX = 2;

export interface CorridorFit {
  form: 'cards' | 'rows';
  columns: number;
  rows: number;
  /** Rooms a page: balanced, so five rooms over two pages are three and two, never four and one. */
  perPage: number;
  pages: number;
  /** The grid's type over 1rem. */
  fill: number;
}

const fitIn = (space: number, item: number, gap: number) => Math.max(1, Math.floor((space + gap) / (item + gap)));

function balanced(rooms: number, capacity: number): { pages: number; perPage: number } {
  const pages = Math.max(1, Math.ceil(rooms / capacity));
  return { pages, perPage: Math.max(1, Math.ceil(rooms / pages)) };
}

/** The corridor's arrangement for `rooms` rooms in a space of `width` × `height` rem. */
export function fitCorridor(rooms: number, width: number, height: number): CorridorFit {
  const columns = fitIn(width, CARD_EM.width, CARD_EM.gap);
  const rows = fitIn(height, CARD_EM.height, CARD_EM.gap);
  const cards = columns * rows;
  if (rooms <= cards) {
    // Few rooms: the fewest rows that hold them, then the largest type that still fits.
    let best: CorridorFit = { form: 'cards', columns, rows, perPage: Math.max(rooms, 1), pages: 1, fill: 1 };
    for (let c = 1; c <= columns; c++) {
      const r = Math.ceil(Math.max(rooms, 1) / c);
      if (r > rows) continue;
      const fill = Math.min(
        FILL_MAX,
        (width + CARD_EM.gap) / (c * (CARD_EM.width + CARD_EM.gap)),
        (height + CARD_EM.gap) / (r * (CARD_EM.height + CARD_EM.gap)),
      );
      if (fill > best.fill || (fill === best.fill && c * r < best.columns * best.rows)) best = { form: 'cards', columns: c, rows: r, perPage: Math.max(rooms, 1), pages: 1, fill };
    }
    return best;
  }
  if (rooms <= cards * CARD_PAGES_MAX) return { form: 'cards', columns, rows, ...balanced(rooms, cards), fill: 1 };
  const rowColumns = fitIn(width, ROW_EM.minWidth, ROW_EM.gap);
  const rowsEach = Math.max(1, Math.floor((height - ROW_EM.head) / ROW_EM.height));
  return { form: 'rows', columns: rowColumns, rows: rowsEach, ...balanced(rooms, rowColumns * rowsEach), fill: 1 };
}
