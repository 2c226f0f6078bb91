import type { Room } from '@shared/domain/school';

const collator = new Intl.Collator('nl', { numeric: true, sensitivity: 'base' });

/** The order a person walks the school in: building, then floor (ground floor first), then room code (A1.2 before A1.10). */
export function compareRooms(a: Room, b: Room): number {
  return (
    collator.compare(a.building, b.building) ||
    (a.floor ?? Number.MAX_SAFE_INTEGER) - (b.floor ?? Number.MAX_SAFE_INTEGER) ||
    collator.compare(a.code, b.code)
  );
}
