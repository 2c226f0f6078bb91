import { PERIOD_COUNT } from './periods';

export const SCHOOL_DAYS = 5;
export const SLOTS_PER_WEEK = SCHOOL_DAYS * PERIOD_COUNT;

/** Slot of a weekday (1 Monday..5 Friday) and period (1..8) in the weekly grid. */
export function slotOf(weekday: number, period: number): number {
  return (weekday - 1) * PERIOD_COUNT + (period - 1);
}

/**
 * Who is busy when, for one kind of resource (classes, teachers or rooms), as a flat byte grid: the timetable
 * asks "is this free" tens of thousands of times, and typed arrays keep that cheap.
 */
export class Occupancy {
  readonly busy: Uint8Array;

  constructor(readonly size: number, slots = SLOTS_PER_WEEK) {
    this.busy = new Uint8Array(slots * size);
  }

  isFree(slot: number, index: number): boolean {
    return this.busy[slot * this.size + index] === 0;
  }

  /** Free in every period from `slot` to `slot + length - 1` (a double lesson). */
  isFreeFor(slot: number, length: number, index: number): boolean {
    for (let s = slot; s < slot + length; s++) if (this.busy[s * this.size + index] !== 0) return false;
    return true;
  }

  mark(slot: number, length: number, index: number, value: 0 | 1 = 1): void {
    for (let s = slot; s < slot + length; s++) this.busy[s * this.size + index] = value;
  }

  /** One school day of the week as a fresh grid of PERIOD_COUNT slots, for the changes made on a date. */
  day(weekday: number): Occupancy {
    const copy = new Occupancy(this.size, PERIOD_COUNT);
    const from = slotOf(weekday, 1) * this.size;
    copy.busy.set(this.busy.subarray(from, from + PERIOD_COUNT * this.size));
    return copy;
  }
}
