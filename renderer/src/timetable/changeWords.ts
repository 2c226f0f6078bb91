import { shortTime } from './formatTime';
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
export function changeDetails(marks: readonly ChangeMark[], zone: string, t: Translate): string[] {
  return marks.map((mark) => changeDetail(mark, zone, t)).filter((d): d is string => d !== null);
}

function changeDetail(mark: ChangeMark, zone: string, t: Translate): string | null {
  switch (mark.kind) {
    case 'movedAway':
      return mark.to.length > 0 ? t('change.movedTo', { rooms: mark.to.join(', ') }) : t('change.movedToNowhere', {});
    case 'roomChanged':
      return t('change.wasRoom', { rooms: mark.from.join(', ') });
    case 'substitute':
      return t('change.wasTeacher', { teachers: mark.was.join(', ') });
    case 'rescheduled':
      return t('change.wasTime', { time: shortTime(mark.was, zone) });
    default:
      return null;
  }
}
