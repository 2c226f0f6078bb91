import type { Group, Room, Subject } from '@shared/domain';
import type { Snapshot, StaffMember, SyncScope } from '../source';
import { groupFromCode, roomFromCode, subjectFromCode } from '../common/namedCodes';
import { applySubstitutions, type SubstitutionStats } from './applySubstitutions';
import type { GpuParsed } from './parseExport';
import { regularLessons } from './regularLessons';
import type { GpuWindow } from './schoolWeeks';

export interface GpuSnapshotStats {
  regular: number;
  /** Lessons in periods the grid has no times for: left out. */
  offGrid: number;
  substitutions: SubstitutionStats;
}

/**
 * The kiosk header shows the school's name, and GPU files do not carry it: until the settings have one, the
 * name the core falls back to when a cache has none.
 */
export const GPU_SCHOOL_NAME = 'Gangbord';

const byCode = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** Reference lists: what the export's own files say, plus every code a lesson uses that they do not list. */
function withUsed<T extends { code: string }>(listed: readonly T[], used: Iterable<string>, make: (code: string) => T): T[] {
  const out = new Map<string, T>();
  for (const item of listed) if (!out.has(item.code)) out.set(item.code, item);
  for (const code of used) if (!out.has(code)) out.set(code, make(code));
  return [...out.values()].sort(byCode);
}

export function gpuSnapshot(
  parsed: GpuParsed,
  o: { window: GpuWindow; zone: string; scope: SyncScope; schoolName: string },
): { snapshot: Snapshot; stats: GpuSnapshotStats } {
  const regular = regularLessons({
    rows: parsed.timetable,
    ranges: parsed.lessonRanges,
    holidays: parsed.holidays,
    grid: parsed.grid,
    window: o.window,
    zone: o.zone,
  });
  const { lessons, stats } = applySubstitutions({ regular: regular.lessons, rows: parsed.substitutions, grid: parsed.grid, window: o.window, zone: o.zone });

  const used = { rooms: new Set<string>(), subjects: new Set<string>(), groups: new Set<string>(), teachers: new Set<string>() };
  for (const l of lessons) {
    for (const r of [...l.rooms, ...l.change.previousRooms]) used.rooms.add(r);
    for (const s of l.subjects) used.subjects.add(s);
    for (const g of l.groups) used.groups.add(g);
    for (const t of [...l.teachers, ...l.change.previousTeachers]) used.teachers.add(t);
  }
  const rooms = withUsed<Room>(
    parsed.rooms.map((r) => ({ ...roomFromCode(r.code), name: r.name, capacity: r.capacity })),
    used.rooms,
    roomFromCode,
  );
  const subjects = withUsed<Subject>(
    parsed.subjects.map((s) => ({ code: s.code, name: s.name })),
    used.subjects,
    subjectFromCode,
  );
  const groups = withUsed<Group>(
    parsed.classes.map((c) => ({ ...groupFromCode(c.code), name: c.name, kind: 'class' })),
    used.groups,
    groupFromCode,
  );
  // Kiosks know teachers by abbreviation only; names (GPU004) are kept on staff machines.
  const teachers = withUsed<StaffMember>(
    parsed.teachers.map((t) => ({
      code: t.code,
      name: o.scope === 'staff' && t.firstName && t.lastName ? { firstName: t.firstName, prefix: null, lastName: t.lastName } : null,
    })),
    used.teachers,
    (code) => ({ code, name: null }),
  );

  return {
    stats: { regular: regular.lessons.length, offGrid: regular.offGrid, substitutions: stats },
    snapshot: {
      kind: 'snapshot',
      school: { name: o.schoolName, zone: o.zone },
      window: { from: o.window.from, to: o.window.to },
      periods: parsed.grid.periods,
      rooms,
      subjects,
      groups,
      teachers,
      pupils: [],
      lessons,
      announcements: [],
      holidays: parsed.holidays.map((h) => ({ name: h.name, from: h.from, to: h.to })),
      cursor: null,
    },
  };
}
