import type { Lesson } from '@shared/domain/lesson';
import type { Period } from '@shared/domain/school';
import type { LocalDate } from '@shared/domain/time';
import { instantAt } from '@shared/timetable/zonedTime';

/** A cell of the week grid: the lessons in it, and how many periods down it reaches (a double lesson: 2). */
export interface WeekCell {
  day: LocalDate;
  lessons: Lesson[];
  rowSpan: number;
}

export interface WeekRow {
  /** Null: the row of lessons outside every period (an early meeting, an evening lesson). */
  period: Period | null;
  /** One per day; null where a cell from a row above reaches down into this one. */
  cells: (WeekCell | null)[];
}

const sameLessons = (a: readonly Lesson[], b: readonly Lesson[]) => a.length === b.length && a.every((l, i) => l.id === b[i]!.id);

/**
 * The week as rows of periods and columns of days: each lesson in every period its time overlaps, so rows line up
 * across days and a free period is an empty cell; a cell that holds the same lessons as the one above joins it, so
 * a lesson over two periods spans two rows. Lessons outside every period get a last row of their own.
 */
export function weekRows(periods: readonly Period[], lessons: readonly Lesson[], days: readonly LocalDate[], zone: string): WeekRow[] {
  const sorted = [...lessons].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  const placed = new Set<string>();
  const rows: WeekRow[] = periods.map((period) => ({ period, cells: [] }));
  days.forEach((day, d) => {
    let above: WeekCell | null = null;
    periods.forEach((p, r) => {
      const from = instantAt(day, p.start, zone);
      const to = instantAt(day, p.end, zone);
      const here = sorted.filter((l) => l.day === day && l.start < to && l.end > from);
      for (const l of here) placed.add(l.id);
      if (above && here.length > 0 && sameLessons(above.lessons, here)) {
        above.rowSpan++;
        rows[r]!.cells[d] = null;
        return;
      }
      const cell: WeekCell = { day, lessons: here, rowSpan: 1 };
      rows[r]!.cells[d] = cell;
      above = cell;
    });
  });
  const outside = sorted.filter((l) => !placed.has(l.id));
  if (outside.length > 0) {
    rows.push({ period: null, cells: days.map((day) => ({ day, lessons: outside.filter((l) => l.day === day), rowSpan: 1 })) });
  }
  return rows;
}
