import type { AuditEntry, PupilSearchDay } from '@shared/domain';
import { localDateOf } from '@shared/timetable/zonedTime';

/** A day with this many pupils shown to one person is flagged: a busy mentor finds a few dozen. */
export const FLAG_PUPILS_A_DAY = 150;

/** The audit detail of a pupil search: the count first, so the summary can read it back; the query quoted. */
export function pupilSearchDetail(shown: number, query: string, refused: boolean): string {
  return refused ? `refused, budget spent: "${query}"` : `${shown} shown: "${query}"`;
}

/** Pupil searches summed per person and local day, newest day first; flagged where they look like reading out the list. */
export function pupilSearchDays(entries: readonly AuditEntry[], zone: string): PupilSearchDay[] {
  const days = new Map<string, PupilSearchDay>();
  for (const e of entries) {
    const day = localDateOf(e.at, zone);
    const key = `${e.actor}\u0000${day}`;
    const row = days.get(key) ?? { actor: e.actor, day, searches: 0, pupilsShown: 0, refused: 0, flagged: false };
    row.searches += 1;
    const shown = /^(\d+) shown/.exec(e.detail ?? '');
    if (shown) row.pupilsShown += Number(shown[1]);
    else row.refused += 1;
    row.flagged = row.refused > 0 || row.pupilsShown >= FLAG_PUPILS_A_DAY;
    days.set(key, row);
  }
  return [...days.values()].sort((a, b) => b.day.localeCompare(a.day) || Number(b.flagged) - Number(a.flagged) || a.actor.localeCompare(b.actor));
}
