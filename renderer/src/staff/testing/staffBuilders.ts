import type { AppInfo, SyncStatus } from '@shared/contract';
import { type Lesson, NO_CHANGE } from '@shared/domain/lesson';
import type { PupilCard, SearchHit, StaffUser } from '@shared/domain/staff';
import { instantAt } from '@shared/timetable/zonedTime';

export const ZONE = 'Europe/Amsterdam';
export const DAY = '2026-11-24';
export const at = (time: string) => instantAt(DAY, time, ZONE);

export function staffAppInfo(): AppInfo {
  return { mode: 'staff', version: '0.1.0', school: { name: 'Demo College', zone: ZONE }, locale: 'nl', clock: { now: at('13:05'), rate: 1 } };
}

export function user(extra: Partial<StaffUser> = {}): StaffUser {
  return { id: 1, username: 'beheer', displayName: 'Bea Heer', role: 'admin', totpEnabled: true, teacherCode: null, ...extra };
}

export function hit(kind: SearchHit['kind'], code: string, label = code, detail = ''): SearchHit {
  return { kind, code, label, detail };
}

export function lesson(extra: Partial<Lesson> = {}): Lesson {
  return {
    id: 'l1', start: at('12:35'), end: at('13:25'), day: DAY, periodFrom: 5, periodTo: 5, kind: 'lesson', subjects: ['en'],
    groups: ['4M1'], teachers: ['BSC'], rooms: ['B0.06'], change: NO_CHANGE, remark: null, ...extra,
  };
}

export function pupilCard(extra: Partial<PupilCard> = {}): PupilCard {
  return {
    pupil: { number: '120631', firstName: 'Sanne', prefix: 'van den', lastName: 'Berg', groups: ['4M1', '4m.netl1'] },
    photo: 'available', now: lesson(), next: null, ...extra,
  };
}

/** A tiny valid JPEG's worth of base64 is not needed: the page only wraps the bytes in a Blob. */
export const PHOTO = { mime: 'image/jpeg' as const, base64: btoa('\xff\xd8\xff\xe0fake-jpeg') };

export function syncStatus(extra: Partial<SyncStatus> = {}): SyncStatus {
  return {
    state: 'idle', source: 'demo', lastSuccessAt: at('13:00'), lastAttemptAt: at('13:00'), lastError: null, consecutiveFailures: 0,
    nextRunAt: at('13:05'), progress: null, ...extra,
  };
}
