import { localDateOf } from '@shared/timetable/zonedTime';
import type { Locale } from '../i18n';
import { shortDate, shortTime } from './formatTime';
import type { Instant } from '@shared/domain/time';
import type { ChangeMark } from './lessonChanges';

/** The message that names each kind of change on its badge. */
export const CHANGE_LABELS: Record<ChangeMark['kind'], string> = {
  cancelled: 'change.cancelled',
  movedAway: 'change.movedAway',
  roomChanged: 'change.roomChanged',
  substitute: 'change.substitute',
  added: 'change.added',
  rescheduled: 'change.rescheduled',
};

type Translate = (key: string, params: Record<string, unknown>) => string;

/**
 * What the badges alone cannot say ("naar B2.10", "was DEN"), one text per change that needs one. Kiosk screens and
 * staff timetables word a change the same way.
 */
export function changeDetails(marks: readonly ChangeMark[], zone: string, t: Translate, locale: Locale): string[] {
  return marks.map((mark) => changeDetail(mark, zone, t, locale)).filter((d): d is string => d !== null);
}

/** "do 3 dec, 3e uur" (or the time, where the upstream gives no lesson hours). */
function slotText(start: Instant, periodFrom: number | null, zone: string, t: Translate, locale: Locale): string {
  return `${shortDate(start, zone, locale)}, ${periodFrom !== null ? t('change.period', { n: periodFrom }) : shortTime(start, zone)}`;
}

function changeDetail(mark: ChangeMark, zone: string, t: Translate, locale: Locale): string | null {
  switch (mark.kind) {
    case 'movedAway':
      if (mark.when) {
        const slot = slotText(mark.when.start, mark.when.periodFrom, zone, t, locale);
        return t('change.movedToDay', { slot: mark.to.length > 0 ? `${slot}, ${mark.to.join(', ')}` : slot });
      }
      return mark.to.length > 0 ? t('change.movedTo', { rooms: mark.to.join(', ') }) : t('change.movedToNowhere', {});
    case 'roomChanged':
      return t('change.wasRoom', { rooms: mark.from.join(', ') });
    case 'substitute':
      return t('change.wasTeacher', { teachers: mark.was.join(', ') });
    case 'rescheduled':
      // From another day: which day, so a pupil knows this is the lesson that left it.
      if (localDateOf(mark.was, zone) !== mark.day) return t('change.wasTime', { time: `${shortDate(mark.was, zone, locale)} ${shortTime(mark.was, zone)}` });
      return t('change.wasTime', { time: shortTime(mark.was, zone) });
    default:
      return null;
  }
}
