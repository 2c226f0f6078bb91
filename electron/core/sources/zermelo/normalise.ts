import type { Lesson } from '@shared/domain';
import { SourceError } from '../source';
import type { Delta, Snapshot, SourceContext, Unchanged } from '../source';
import { configKey, encodeCursor, OVERLAP_SECONDS, recentIds, type ZermeloCursor } from './cursor';
import type { ZermeloConfig } from './fetch';
import { leftSlotIdOf } from '../common/leftSlot';
import { lessonIdOf, lessonOf, type LessonScope, zermeloMovedDay } from './lessons';
import { periodsFromSlots, type SlotSample } from './periods';
import { announcementsOf, groupsOf, pupilsOf, roomsOf, schoolNameOf, subjectsOf, teachersOf } from './reference';
import type { ZermeloAppointment } from './schemas';
import type { ZermeloValid } from './validate';
import { histories } from './versions';
import { zoneClock } from './zoneClock';

const newestOf = (versions: readonly ZermeloAppointment[], floor: number | null): number | null => {
  let newest = floor;
  for (const v of versions) if (typeof v.lastModified === 'number' && (newest === null || v.lastModified > newest)) newest = v.lastModified;
  return newest;
};

/** A full sync: the whole window, rooms, groups, staff, (staff scope) pupils, announcements, and the bell schedule. */
export function snapshotOf(v: ZermeloValid, ctx: SourceContext, config: ZermeloConfig): Snapshot {
  const clock = zoneClock(ctx.zone);
  const scope: LessonScope = { clock, from: v.from, to: v.to, branch: config.branch };
  const versions = v.appointments.flatMap((w) => w.data);
  const lessons: Lesson[] = [];
  const slots: SlotSample[] = [];
  for (const h of histories(versions)) {
    const found = lessonOf(h, scope);
    if (!found) continue;
    // Moved to another day: the lesson where it is now, and the slot it left (leftSlot.ts).
    const { left, arrived: lesson } = zermeloMovedDay(h, scope, found);
    lessons.push(lesson);
    if (left) lessons.push(left);
    if (lesson.periodFrom !== null && lesson.periodFrom === lesson.periodTo) {
      slots.push({ number: lesson.periodFrom, name: h.current?.startTimeSlotName, start: lesson.start, end: lesson.end });
    }
  }
  const since = newestOf(versions, null);
  const cursor: ZermeloCursor = {
    v: 1, scope: ctx.scope, zone: ctx.zone, config: configKey(config), from: v.from, to: v.to, since, fullAt: ctx.now,
    recent: recentIds(versions, since), weeks: v.fingerprints, modifiedSince: v.modifiedSinceSupported,
  };
  return {
    kind: 'snapshot',
    school: { name: schoolNameOf(v.schoolYears, config.portal), zone: ctx.zone },
    window: { from: v.from, to: v.to },
    periods: periodsFromSlots(slots, clock),
    rooms: roomsOf(v.locations, v.branches, config.branch, lessons),
    subjects: subjectsOf(lessons),
    groups: groupsOf(v.groups, lessons),
    teachers: teachersOf(v.employees, lessons, ctx.scope),
    pupils: ctx.scope === 'staff' ? pupilsOf(v.pupils) : [],
    lessons,
    announcements: announcementsOf(v.announcements),
    holidays: [],
    cursor: encodeCursor(cursor),
  };
}

/**
 * An increment: each appointment instance with a changed version becomes an upsert of its lesson, or a removal when
 * no version of it holds any more (taken off the timetable, moved out of the window, hidden). This relies on
 * Zermelo's history being append-only: a superseded version is never edited on its own.
 */
export function deltaOf(v: ZermeloValid, ctx: SourceContext, config: ZermeloConfig): Delta | Unchanged {
  const previous = v.cursor;
  if (!previous) throw new SourceError('UPSTREAM_INVALID', 'An incremental Zermelo answer arrived without the state of the previous sync.');
  const all = v.appointments.flatMap((w) => w.data);
  let versions = all;
  if (v.mode === 'modifiedSince' && previous.since !== null) {
    // Also right when a portal ignores modifiedSince and sends everything: only what changed passes.
    const since = previous.since;
    const applied = new Set(previous.recent);
    versions = all.filter((a) => {
      const t = a.lastModified ?? a.appointmentLastModified ?? null;
      return t === null || t > since || (t >= since - OVERLAP_SECONDS && !applied.has(a.id));
    });
  }
  const scope: LessonScope = { clock: zoneClock(ctx.zone), from: v.from, to: v.to, branch: config.branch };
  const upsertLessons: Lesson[] = [];
  const removeLessonIds: string[] = [];
  for (const h of histories(versions)) {
    const found = lessonOf(h, scope);
    // The slot it left, when it moved to another day: kept in step with the lesson, gone when it no longer applies.
    const { left, arrived: lesson } = found ? zermeloMovedDay(h, scope, found) : { left: null, arrived: null };
    if (lesson) upsertLessons.push(lesson);
    else removeLessonIds.push(lessonIdOf(h.instance));
    if (left) upsertLessons.push(left);
    else removeLessonIds.push(leftSlotIdOf(lessonIdOf(h.instance)));
  }
  const since = newestOf(all, previous.since);
  const cursor: ZermeloCursor = {
    // Same watermark: versions applied now join those applied before, so neither comes back next time.
    ...previous,
    since,
    recent: since === previous.since ? [...new Set([...previous.recent, ...recentIds(all, since)])].slice(0, 20_000) : recentIds(all, since),
    weeks: v.fingerprints,
    modifiedSince: v.modifiedSinceSupported,
  };
  if (upsertLessons.length === 0 && removeLessonIds.length === 0 && encodeCursor(cursor) === encodeCursor(previous)) return { kind: 'unchanged' };
  return { kind: 'delta', upsertLessons, removeLessonIds, cursor: encodeCursor(cursor) };
}

export function normaliseZermelo(v: ZermeloValid, ctx: SourceContext, config: ZermeloConfig): Snapshot | Delta | Unchanged {
  return v.mode === 'full' ? snapshotOf(v, ctx, config) : deltaOf(v, ctx, config);
}
