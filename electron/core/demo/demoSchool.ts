import type { Instant, Lesson } from '@shared/domain';
import type { Snapshot, StaffMember, SyncScope } from '../sync/snapshot';
import { demoAnnouncements } from './announcements';
import { subjectList } from './curriculum';
import { stampDay, type DemoTimetable } from './datedLessons';
import { buildGroups } from './groups';
import { lessonTemplates } from './lessonTemplates';
import { demoPeriods } from './periods';
import { buildPupils } from './pupils';
import { streamFor } from './random';
import { buildRooms } from './rooms';
import { SIZE_PROFILES, type DemoSize } from './schoolSizes';
import { schoolCalendar } from './schoolWeeks';
import { buildTeachers, teachingDemand } from './teachers';
import { buildWeeklyTimetable } from './weeklyTimetable';

export const DEMO_SCHOOL_NAME = 'Het Gangbord College';
export const DEFAULT_DEMO_SEED = 2026;

export interface DemoSchoolOptions {
  size: DemoSize;
  /** Lessons are made for the school week holding `now` and the school weeks after it. */
  now: Instant;
  zone: string;
  scope: SyncScope;
  seed?: number;
}

export interface DemoProgress {
  phase: 'school' | 'lessons';
  done: number;
  total: number;
}

/**
 * The demo school, step by step: it yields after building the school and after each week of lessons, so a
 * caller can report progress and stop between steps. The school itself (rooms, groups, staff, weekly timetable)
 * depends on size and seed only, never on `now`: lesson ids stay the same from one sync to the next.
 */
export function* demoSchoolSteps(options: DemoSchoolOptions): Generator<DemoProgress, Snapshot, void> {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const profile = SIZE_PROFILES[options.size];
  const periods = demoPeriods();
  const rooms = buildRooms(profile.rooms, streamFor(seed, 'rooms'));
  const groups = buildGroups(profile.classPlan, profile.pupils);
  const teachers = buildTeachers(profile.staff, teachingDemand(groups), streamFor(seed, 'teachers'));
  const week = buildWeeklyTimetable(groups, teachers, rooms, streamFor(seed, 'timetable'));
  const tt: DemoTimetable = { seed, zone: options.zone, periods, rooms, teachers, groups, week, templates: lessonTemplates(week, groups, teachers, rooms) };
  const calendar = schoolCalendar(options.now, options.zone, profile.schoolWeeks);
  const staff = options.scope === 'staff';
  // Pupils only for staff machines: a kiosk's sync must not even produce them.
  const pupils = staff ? buildPupils(groups, streamFor(seed, 'pupils')) : [];
  yield { phase: 'school', done: 1, total: 1 };

  const lessons: Lesson[] = [];
  for (const [i, days] of calendar.weeks.entries()) {
    for (const date of days) stampDay(tt, date, lessons);
    yield { phase: 'lessons', done: i + 1, total: calendar.weeks.length };
  }

  const teacherList: StaffMember[] = teachers.map((t) => ({ code: t.code, name: staff ? { ...t.name } : null }));
  return {
    kind: 'snapshot',
    school: { name: DEMO_SCHOOL_NAME, zone: options.zone },
    window: { from: calendar.from, to: calendar.to },
    periods,
    rooms,
    subjects: subjectList(),
    groups: groups.groups,
    teachers: teacherList,
    pupils,
    lessons,
    announcements: demoAnnouncements(calendar.from, calendar.to, options.zone, calendar.holidays, DEMO_SCHOOL_NAME),
    holidays: calendar.holidays,
    cursor: null,
  };
}

/** The whole demo school at once. Same options, same snapshot. */
export function generateDemoSchool(options: DemoSchoolOptions): Snapshot {
  const steps = demoSchoolSteps(options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
