import type { Group, Room, Subject } from '@shared/domain';

/*
 * Rooms, groups and subjects as far as a bare code tells: iCalendar feeds (and Untis files without GPU003/005/006)
 * name them only in lessons. Kiosks list rooms by these records, so every code a lesson uses gets one.
 */

export function roomFromCode(code: string): Room {
  return { code, name: code, building: '', floor: null, kind: 'classroom', capacity: null };
}

export function subjectFromCode(code: string): Subject {
  return { code, name: code };
}

/** Dutch schools write classes as "1A", "4H2", "v5b" and clusters as "4v.netl1": a dot marks a cluster. */
export function groupFromCode(code: string): Group {
  const year = /^[a-z]{0,3}([1-8])/i.exec(code)?.[1];
  return { code, name: code, kind: code.includes('.') ? 'cluster' : 'class', year: year === undefined ? null : Number(year) };
}
