import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Lesson } from '@shared/domain/lesson';
import type { LocalDate } from '@shared/domain/time';
import type { Locale } from '../i18n';
import { CHANGE_LABELS, changeDetails } from '../timetable/changeWords';
import { shortTime, shortWeekday, timeRange } from '../timetable/formatTime';
import { changeMarks, type ChangeMark } from '../timetable/lessonChanges';

export type LessonFact = 'subjects' | 'groups' | 'teachers' | 'rooms';

export interface LessonTextSource {
  lesson: Lesson | null;
  /** The room whose sign this is: a lesson held elsewhere reads as "moved to ...". */
  roomCode: string;
  zone: string;
  /** Today in the school's zone: a lesson on another day shows its weekday. */
  today: LocalDate;
}

/** A long cluster list would push everything else off a card; the rest is counted. */
const MAX_GROUPS = 3;

/**
 * How a lesson reads on a screen, shared by room cards, the door sign and the changes board: its time, its facts
 * ("wi · 2a · DEN") and what changed, in words ("Verplaatst naar B2.10"), so that no change is told by colour alone.
 */
export function useLessonText(
  source: () => LessonTextSource,
  facts: readonly LessonFact[] = ['subjects', 'groups', 'teachers'],
  /** `start`: "14:30" alone, where space is short and the end adds little (the changes board). */
  time: 'range' | 'start' = 'range',
) {
  const { t, locale } = useI18n();

  const marks = computed(() => {
    const { lesson, roomCode } = source();
    return lesson ? changeMarks(lesson, roomCode) : [];
  });
  const cancelled = computed(() => marks.value.some((m) => m.kind === 'cancelled'));

  const when = computed(() => {
    const { lesson, zone, today } = source();
    if (!lesson) return '';
    const range = time === 'start' ? shortTime(lesson.start, zone) : timeRange(lesson.start, lesson.end, zone);
    return lesson.day === today ? range : `${shortWeekday(lesson.start, zone, locale.value as Locale)} ${range}`;
  });

  const factText = computed(() => {
    const { lesson } = source();
    if (!lesson) return '';
    const part = (fact: LessonFact) => {
      if (fact !== 'groups') return lesson[fact].join(', ');
      const more = lesson.groups.length > MAX_GROUPS ? ` ${t('board.moreGroups', { count: lesson.groups.length - MAX_GROUPS })}` : '';
      return lesson.groups.slice(0, MAX_GROUPS).join(', ') + more;
    };
    return facts.map(part).filter((text) => text.trim() !== '').join(' · ');
  });

  const details = computed(() => changeDetails(marks.value, source().zone, t, locale.value as Locale));
  const badgeLabel = (kind: ChangeMark['kind']) => t(CHANGE_LABELS[kind]);

  return { marks, cancelled, when, facts: factText, details, badgeLabel };
}
