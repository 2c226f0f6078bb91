import type { RoomSelection } from '@shared/domain/display';
import type { Room } from '@shared/domain/school';

/** Does a screen with this selection show the room? Building and floor compare as the timetable writes them. */
export function selectsRoom(selection: RoomSelection, room: Room): boolean {
  switch (selection.kind) {
    case 'all':
      return true;
    case 'building':
      return sameBuilding(room.building, selection.building);
    case 'floor':
      return sameBuilding(room.building, selection.building) && room.floor === selection.floor;
    case 'list':
      return selection.rooms.includes(room.code);
  }
}

const sameBuilding = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The rooms to ask the core for: a list goes along with the call, other selections are filtered here. */
export function roomCodesToAsk(selection: RoomSelection): string[] | null {
  return selection.kind === 'list' ? selection.rooms : null;
}

/** `?rooms=` in the page address chooses a list of rooms over the profile's selection, for one page. */
export function withRoomsOverride(selection: RoomSelection, rooms: readonly string[] | null): RoomSelection {
  return rooms && rooms.length > 0 ? { kind: 'list', rooms: [...rooms] } : selection;
}

/** A door sign is one room: the first of a list, or none when the profile chose a building or floor. */
export function doorRoomOf(selection: RoomSelection): string | null {
  return selection.kind === 'list' ? (selection.rooms[0] ?? null) : null;
}
