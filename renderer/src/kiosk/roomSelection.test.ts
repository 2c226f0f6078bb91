import { describe, expect, it } from 'vitest';
import { room } from '../testing/builders';
import { doorRoomOf, roomCodesToAsk, selectsRoom, withRoomsOverride } from './roomSelection';

describe('room selection', () => {
  const a104 = room('A1.04', { building: 'A', floor: 1 });
  const b004 = room('B0.04', { building: 'B', floor: 0 });

  it('selects every room, one building, one floor of a building, or a list', () => {
    expect(selectsRoom({ kind: 'all' }, a104)).toBe(true);
    expect(selectsRoom({ kind: 'building', building: 'a' }, a104)).toBe(true);
    expect(selectsRoom({ kind: 'building', building: 'A' }, b004)).toBe(false);
    expect(selectsRoom({ kind: 'floor', building: 'B', floor: 0 }, b004)).toBe(true);
    expect(selectsRoom({ kind: 'floor', building: 'A', floor: 0 }, a104)).toBe(false);
    expect(selectsRoom({ kind: 'list', rooms: ['B0.04'] }, b004)).toBe(true);
    expect(selectsRoom({ kind: 'list', rooms: ['B0.04'] }, a104)).toBe(false);
  });

  it('asks the core for a list only; a floor is filtered from the whole board', () => {
    expect(roomCodesToAsk({ kind: 'list', rooms: ['A1.04'] })).toEqual(['A1.04']);
    expect(roomCodesToAsk({ kind: 'floor', building: 'A', floor: 1 })).toBeNull();
  });

  it('lets ?rooms= win over the profile, and takes a door sign\'s room from a list only', () => {
    expect(withRoomsOverride({ kind: 'all' }, ['A1.04'])).toEqual({ kind: 'list', rooms: ['A1.04'] });
    expect(withRoomsOverride({ kind: 'all' }, null)).toEqual({ kind: 'all' });
    expect(doorRoomOf({ kind: 'list', rooms: ['A1.04', 'A1.05'] })).toBe('A1.04');
    expect(doorRoomOf({ kind: 'building', building: 'A' })).toBeNull();
  });
});
