import { localDateOf, localTimeOf, weekdayOf } from '@shared/timetable/zonedTime';

/*
 * The words a kiosk shows under a changed lesson, in the style Zermelo's changeDescription uses, so that
 * screens read the same whichever source a school has.
 */

const WEEKDAYS = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'];

function when(ms: number, zone: string): string {
  const date = localDateOf(ms, zone);
  return `${WEEKDAYS[weekdayOf(date) - 1]} ${date.slice(8, 10)}-${date.slice(5, 7)} ${localTimeOf(ms, zone)}`;
}

export interface ChangeFacts {
  previousRooms: readonly string[];
  previousTeachers: readonly string[];
  previousStart: number | null;
}

/** Null when nothing moved or was replaced. */
export function changeText(change: ChangeFacts, zone: string): string | null {
  const parts: string[] = [];
  if (change.previousStart !== null) parts.push(`Verplaatst (was ${when(change.previousStart, zone)}).`);
  if (change.previousRooms.length > 0) parts.push(`Het lokaal is gewijzigd (was ${change.previousRooms.join(', ')}).`);
  if (change.previousTeachers.length > 0) parts.push(`De docent is vervangen (was ${change.previousTeachers.join(', ')}).`);
  return parts.length === 0 ? null : parts.join(' ').slice(0, 500);
}
