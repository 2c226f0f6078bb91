import type { AppInfo, ChangesBoard, CurrentAnnouncements, DisplaySetup, NowNextBoard, RoomDay, SyncStatus } from '@shared/contract';
import type { Announcement } from '@shared/domain/announcement';
import type { DisplayProfile } from '@shared/domain/display';
import { type Lesson, NO_CHANGE, type LessonChange } from '@shared/domain/lesson';
import type { Room } from '@shared/domain/school';
import { instantAt } from '@shared/timetable/zonedTime';

export const ZONE = 'Europe/Amsterdam';
export const DAY = '2026-11-24'; // a Tuesday, winter time (UTC+1)

/** An instant on the test day at a wall-clock time in Amsterdam, e.g. at('09:15') or at('09:15:30'). */
export function at(time: string, day = DAY): number {
  const [hh, mm, ss = '0'] = time.split(':');
  return instantAt(day, `${hh}:${mm}`, ZONE) + Number(ss) * 1000;
}

export function room(code: string, extra: Partial<Room> = {}): Room {
  return { code, name: `Lokaal ${code}`, building: code.slice(0, 1), floor: Number(code.slice(1, 2)) || 0, kind: 'classroom', capacity: 30, ...extra };
}

let seq = 0;
export function lesson(from: string, to: string, extra: Partial<Omit<Lesson, 'change'>> & { change?: Partial<LessonChange> } = {}): Lesson {
  const { change, ...rest } = extra;
  seq += 1;
  return {
    id: `l${seq}`, start: at(from), end: at(to), day: DAY, periodFrom: null, periodTo: null, kind: 'lesson',
    subjects: ['ne'], groups: ['2a'], teachers: ['DEN'], rooms: ['A1.01'], remark: null,
    ...rest,
    change: { ...NO_CHANGE, ...change },
  };
}

export function board(rooms: NowNextBoard['rooms'], extra: Partial<NowNextBoard> = {}): NowNextBoard {
  return { at: at('09:15'), day: DAY, periods: [], rooms, changesAt: null, dataAsOf: at('08:05'), ...extra };
}

export function appInfo(extra: Partial<AppInfo> = {}): AppInfo {
  return {
    mode: 'kiosk', version: '0.1.0', school: { name: 'Demo College', zone: ZONE }, locale: 'nl',
    clock: { now: at('09:15'), rate: 1 }, ...extra,
  };
}

export function syncStatus(extra: Partial<SyncStatus> = {}): SyncStatus {
  return {
    state: 'idle', source: 'demo', lastSuccessAt: at('08:05'), lastAttemptAt: at('08:05'), lastError: null,
    consecutiveFailures: 0, nextRunAt: null, progress: null, ...extra,
  };
}

/** A display profile with the schema's defaults: the corridor overview of every room. */
export function profile(extra: Partial<DisplayProfile> = {}): DisplayProfile {
  return {
    id: 'default', name: 'Alle lokalen', layout: 'corridor', rooms: { kind: 'all' }, displayGroup: null, orientation: 'landscape',
    locale: 'nl', theme: 'light', hours: null, pagingSeconds: 12, announcementBand: 'slides', changesNextDayFrom: '13:00',
    staleAfterMinutes: 30, screenInches: null, viewingMetres: null, ...extra,
  };
}

export function displaySetup(extra: Partial<DisplayProfile> = {}, more: Partial<Omit<DisplaySetup, 'profile'>> = {}): DisplaySetup {
  const p = profile(extra);
  return { profile: p, profiles: [{ id: p.id, name: p.name, layout: p.layout }], holidays: [], pinConfigured: false, ...more };
}

export function roomDay(lessons: Lesson[], extra: Partial<RoomDay> = {}): RoomDay {
  return { room: room('A1.01'), day: DAY, lessons, nextDay: null, nextDayLessons: [], periods: [], dataAsOf: at('08:05'), ...extra };
}

export function changesBoard(days: ChangesBoard['days'], extra: Partial<ChangesBoard> = {}): ChangesBoard {
  return { days, dataAsOf: at('08:05'), ...extra };
}

export function announcement(id: string, extra: Partial<Announcement> = {}): Announcement {
  return { id, title: id, body: '<p>x</p>', start: at('08:00'), end: at('17:00'), audience: [], priority: 10, emergency: false, ...extra };
}

export function announcements(items: Announcement[], changesAt: number | null = null): CurrentAnnouncements {
  return { announcements: items, changesAt };
}
