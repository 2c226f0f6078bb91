import type { Room, RoomKind } from '@shared/domain';
import type { Random } from './random';

/** How many rooms of each kind a school of `total` rooms has: always at least two gyms and labs, one workshop. */
function roomCounts(total: number): Record<'gym' | 'lab' | 'workshop' | 'classroom', number> {
  const gym = Math.max(2, Math.round(total * 0.06));
  const lab = Math.max(2, Math.round(total * 0.1));
  const workshop = Math.max(1, Math.round(total * 0.04));
  // The aula and the staff room are not taught in.
  return { gym, lab, workshop, classroom: Math.max(1, total - 2 - gym - lab - workshop) };
}

interface Floor {
  building: string;
  floor: number;
  next: number;
}

const NAME_PREFIX: Partial<Record<RoomKind, string>> = { classroom: 'Lokaal', lab: 'Practicumlokaal', workshop: 'Werkplaats' };
const CAPACITY: Record<RoomKind, number> = { classroom: 30, lab: 28, workshop: 24, gym: 60, aula: 300, office: 40, other: 20 };

/**
 * Rooms over buildings and floors, coded as schools write them on doors (`A1.04`: building A, first floor, room 4).
 * Labs sit together on the top floor of B and workshops on its ground floor, as science and art wings do.
 */
export function buildRooms(total: number, random: Random): Room[] {
  const counts = roomCounts(total);
  const teaching = counts.classroom + counts.lab + counts.workshop + 1;
  const buildings = teaching > 100 ? ['A', 'B', 'C'] : ['A', 'B'];
  const floorsPerBuilding = teaching > 20 ? 3 : 2;
  const perFloor = Math.ceil(teaching / (buildings.length * floorsPerBuilding)) + 1;
  const floors: Floor[] = buildings.flatMap((building) => Array.from({ length: floorsPerBuilding }, (_, floor) => ({ building, floor, next: 1 })));
  const floorNamed = (name: string) => floors.find((f) => `${f.building}${f.floor}` === name);
  const rooms: Room[] = [];

  const place = (kind: RoomKind, preferred: (Floor | undefined)[], name?: string) => {
    const floor = [...preferred, ...floors].find((f) => f !== undefined && f.next <= perFloor) ?? floors[floors.length - 1];
    if (!floor) throw new Error('a demo school needs at least one floor');
    const code = `${floor.building}${floor.floor}.${String(floor.next++).padStart(2, '0')}`;
    const capacity = kind === 'classroom' ? CAPACITY.classroom + Math.floor(random() * 3) * 2 - 2 : CAPACITY[kind];
    rooms.push({ code, name: name ?? `${NAME_PREFIX[kind] ?? 'Lokaal'} ${code}`, building: floor.building, floor: floor.floor, kind, capacity });
  };

  place('office', [floorNamed('A0')], 'Docentenkamer');
  const top = floorsPerBuilding - 1;
  for (let i = 0; i < counts.workshop; i++) place('workshop', [floorNamed('B0'), floorNamed('C0')]);
  for (let i = 0; i < counts.lab; i++) place('lab', [floorNamed(`B${top}`), floorNamed(`C${top}`), floorNamed('B1')]);
  // Classrooms go round the floors so that every corridor has some.
  for (let i = 0; i < counts.classroom; i++) place('classroom', [floors[i % floors.length]]);
  for (let i = 1; i <= counts.gym; i++) {
    rooms.push({ code: `GYM${i}`, name: `Gymzaal ${i}`, building: 'S', floor: 0, kind: 'gym', capacity: CAPACITY.gym });
  }
  rooms.push({ code: 'AULA', name: 'Aula', building: 'A', floor: 0, kind: 'aula', capacity: total > 100 ? 450 : CAPACITY.aula });
  return rooms.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
