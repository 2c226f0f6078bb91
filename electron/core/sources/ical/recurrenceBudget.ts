import ICAL from 'ical.js';

/*
 * ical.js 2.2.1 can spend unbounded time on impossible rules, and one such line in a feed would hang the sync
 * worker:
 * - `FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30` never satisfies its contracting rules, and RecurIterator.next() retries
 *   without a limit (MONTHLY and YEARLY have guards, the finer frequencies do not);
 * - a YEARLY rule that never matches (`BYSETPOS=-332`) makes the iterator's set-up search every year up to 20000.
 * Every candidate passes through `check_contracting_rules`, and every year searched through `expand_year_days`,
 * so that is where the work is bounded, armed only around our own expansion (synchronous code, nothing
 * interleaves):
 * - past the horizon day the iterator is told it is complete (an impossible rule then ends after the window's
 *   worth of candidates, like a finished one; the candidate it returns lies beyond the window and is never used,
 *   and RecurExpansion has already taken the occurrence before it);
 * - a set-up that searches past the horizon year, or more candidates than the budget, abandons the expansion.
 */

export class RecurrenceTooCostly extends Error {
  constructor() {
    super('recurrence rule needs too much work to expand');
    this.name = 'RecurrenceTooCostly';
  }
}

type Checker = (this: ICAL.RecurIterator) => boolean;
type YearExpander = (this: ICAL.RecurIterator, year: number) => number;
type Init = (this: ICAL.RecurIterator) => void;

let remaining = Number.POSITIVE_INFINITY;
let horizonDay = Number.POSITIVE_INFINITY;
let installed = false;
/** Inside RecurIterator.init (its search for the first occurrence). */
let settingUp = 0;

function install(): void {
  if (installed) return;
  installed = true;
  const proto = ICAL.RecurIterator.prototype as unknown as { check_contracting_rules: Checker; expand_year_days: YearExpander; init: Init };
  const init = proto.init;
  proto.init = function guarded(this: ICAL.RecurIterator): void {
    settingUp++;
    try {
      init.call(this);
    } finally {
      settingUp--;
    }
  };
  const checkContracting = proto.check_contracting_rules;
  proto.check_contracting_rules = function guarded(this: ICAL.RecurIterator): boolean {
    const last = this.last;
    if (last && last.year * 10_000 + last.month * 100 + last.day > horizonDay) {
      this.completed = true;
      return true;
    }
    if (--remaining < 0) throw new RecurrenceTooCostly();
    return checkContracting.call(this);
  };
  const expandYearDays = proto.expand_year_days;
  proto.expand_year_days = function guarded(this: ICAL.RecurIterator, year: number): number {
    // A year's expansion costs about as much as a few dozen candidates.
    remaining -= 25;
    if (remaining < 0 || (settingUp > 0 && year * 10_000 > horizonDay)) throw new RecurrenceTooCostly();
    return expandYearDays.call(this, year);
  };
}

export interface RecurrenceBudget {
  /** Candidates ical.js may try. */
  steps: number;
  /** No occurrence after this day is of use: YYYYMMDD as a number, on the rule's own clock. */
  horizonDay: number;
}

/** Runs `work` within the budget; throws RecurrenceTooCostly when the candidates run out. */
export function withRecurrenceBudget<T>(budget: RecurrenceBudget, work: () => T): T {
  install();
  const outer = { remaining, horizonDay };
  remaining = budget.steps;
  horizonDay = budget.horizonDay;
  try {
    return work();
  } finally {
    remaining = outer.remaining;
    horizonDay = outer.horizonDay;
  }
}
