import type { Period, Room, School } from '@shared/domain';
import type { Settings } from '@shared/settings';
import type { CacheDb } from '../db/open';

/** Rooms, periods and school facts change only with a sync; read them once per data version. */
export function readRooms(db: CacheDb): Room[] {
  return db.prepare('SELECT code, name, building, floor, kind, capacity FROM rooms ORDER BY building, floor, code').all() as Room[];
}

export function readPeriods(db: CacheDb): Period[] {
  return db.prepare('SELECT number, name, start, "end" FROM periods ORDER BY number').all() as Period[];
}

export function readSchool(db: CacheDb, fallback: School): School {
  const rows = db.prepare("SELECT key, value FROM meta WHERE key IN ('school_name', 'zone')").all() as { key: string; value: string }[];
  const meta = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  return { name: meta.school_name ?? fallback.name, zone: meta.zone ?? fallback.zone };
}

/** The school's zone: the source's word for it, else the machine's setting. */
export function schoolZone(db: CacheDb, settings: Settings): string {
  return readSchool(db, { name: '', zone: settings.zone }).zone;
}

/** When the timetable was last refreshed from any source. */
export function readDataAsOf(db: CacheDb): number | null {
  const row = db.prepare('SELECT max(last_success_ms) AS t FROM sync_state').get() as { t: number | null };
  return row.t;
}
