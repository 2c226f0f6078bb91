import type { ChangesBoard } from '@shared/contract';
import type { Lesson } from '@shared/domain';
import { localDateOf } from '@shared/timetable/zonedTime';
import type { CacheDb } from '../db/open';
import { LESSON_COLUMNS, lessonFromRow, type LessonRow } from './lessonRow';
import { readDataAsOf } from './referenceData';

const byCode = new Intl.Collator('nl', { numeric: true, sensitivity: 'base' });

/** Changed lessons of one day, under each group they concern, groups in natural code order (1A, 1B ... 6V2). */
function groupChanges(lessons: Lesson[]): ChangesBoard['days'][number]['groups'] {
  const groups = new Map<string, Lesson[]>();
  for (const lesson of lessons) {
    for (const group of lesson.groups.length ? lesson.groups : ['—']) {
      let list = groups.get(group);
      if (!list) groups.set(group, (list = []));
      list.push(lesson);
    }
  }
  return [...groups.keys()].sort(byCode.compare).map((group) => ({ group, lessons: groups.get(group)! }));
}

/** The changes board: what differs from the regular timetable today and, when asked, on the next school day. */
export function createChangesBoard(db: CacheDb, zone: () => string) {
  const changedOn = db.prepare(`SELECT ${LESSON_COLUMNS} FROM lessons l
    WHERE l.day = ? AND (l.cancelled = 1 OR l.added = 1 OR l.prev_rooms <> '' OR l.prev_teachers <> '' OR l.prev_start_ms IS NOT NULL)
    ORDER BY l.start_ms, l.id`);
  const nextLessonDay = db.prepare('SELECT min(day) FROM lessons WHERE day > ?').pluck();

  return (at: number, includeNextDay: boolean): ChangesBoard => {
    const today = localDateOf(at, zone());
    const days = [today];
    const next = includeNextDay ? (nextLessonDay.get(today) as string | null) : null;
    if (next) days.push(next);
    return {
      days: days.map((day) => ({ day, groups: groupChanges((changedOn.all(day) as LessonRow[]).map(lessonFromRow)) })),
      dataAsOf: readDataAsOf(db),
    };
  };
}
