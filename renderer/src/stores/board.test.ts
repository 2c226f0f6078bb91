import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NowNextBoard } from '@shared/contract';
import { appInfo, at, board, lesson, room } from '../testing/builders';
import { fakeTimersEachTest, freshCore, startClock } from '../testing/fakeCore';
import { FakeTransport } from '../testing/fakeTransport';
import { useAppInfoStore } from './appInfo';
import { BOARD_RETRY_MS, useBoardStore } from './board';
import { useClockStore } from './clock';

describe('useBoardStore', () => {
  fakeTimersEachTest();
  let fake: FakeTransport;
  beforeEach(async () => {
    fake = freshCore(new FakeTransport().respond('app.info', appInfo()));
    await useAppInfoStore().load();
  });
  afterEach(() => {
    useBoardStore().stop();
    useClockStore().stop();
  });

  const wiskunde = lesson('08:30', '09:20', { subjects: ['wi'], rooms: ['A1.01'] });
  const engels = lesson('09:20', '10:10', { subjects: ['en'], rooms: ['A1.01'] });

  it('shows each room now and next, rooms in building/floor/code order', async () => {
    startClock('09:15');
    fake.respond('kiosk.nowNext', board([
      { room: room('B1.01'), now: null, next: null },
      { room: room('A1.10'), now: null, next: null },
      { room: room('A1.01'), now: wiskunde, next: engels },
      { room: room('A1.2'), now: null, next: null },
    ]));
    const store = useBoardStore();
    await store.start();
    expect(store.rooms.map((r) => r.room.code)).toEqual(['A1.01', 'A1.2', 'A1.10', 'B1.01']);
    expect(store.rooms[0]).toMatchObject({ now: wiskunde, next: engels });
    expect(fake.callsOf('kiosk.nowNext')[0]).toEqual({ at: at('09:15') });
  });

  it('flips a room at the exact second a lesson ends, before the network answers', async () => {
    startClock('09:19:58');
    let answer: (board: NowNextBoard) => void = () => {};
    fake.respond('kiosk.nowNext', board([{ room: room('A1.01'), now: wiskunde, next: engels }], { changesAt: at('09:20') }));
    const store = useBoardStore();
    await store.start();
    fake.respond('kiosk.nowNext', () => new Promise((resolve) => {
      answer = (b) => resolve({ ok: true, value: b });
    }));

    await vi.advanceTimersByTimeAsync(1000);
    expect(store.rooms[0]?.now).toEqual(wiskunde);
    await vi.advanceTimersByTimeAsync(1010);
    expect(useClockStore().now).toBeGreaterThanOrEqual(at('09:20'));
    expect(useClockStore().now).toBeLessThan(at('09:20:01'));
    expect(store.rooms[0]?.now).toEqual(engels);
    expect(store.rooms[0]?.next).toBeNull();

    // Past changesAt: the store asks once for the board at that moment, to learn what follows.
    const calls = fake.callsOf('kiosk.nowNext');
    expect(calls).toHaveLength(2);
    expect((calls[1] as { at: number }).at).toBeGreaterThanOrEqual(at('09:20'));
    const after = lesson('10:25', '11:15', { subjects: ['gs'] });
    answer(board([{ room: room('A1.01'), now: engels, next: after }], { at: at('09:20'), changesAt: at('10:10') }));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.rooms[0]).toMatchObject({ now: engels, next: after });
    await vi.advanceTimersByTimeAsync(5000);
    expect(fake.callsOf('kiosk.nowNext')).toHaveLength(2);
  });

  it('keeps a room\'s view object from tick to tick while its now and next stay the same', async () => {
    startClock('09:15');
    fake.respond('kiosk.nowNext', board([{ room: room('A1.01'), now: wiskunde, next: engels }], { changesAt: at('09:20') }));
    const store = useBoardStore();
    await store.start();
    const first = store.rooms[0];
    await vi.advanceTimersByTimeAsync(3000);
    expect(store.rooms[0]).toBe(first);
  });

  it('shows a room free between lessons and the next lesson still coming', async () => {
    startClock('10:09:59');
    const after = lesson('10:25', '11:15', { subjects: ['gs'] });
    fake.respond('kiosk.nowNext', board([{ room: room('A1.01'), now: engels, next: after }], { changesAt: at('10:10') }));
    const store = useBoardStore();
    await store.start();
    await vi.advanceTimersByTimeAsync(1010);
    expect(store.rooms[0]).toMatchObject({ now: null, next: after });
  });

  it('shows a lesson that moved away from the room, but lets a lesson held there win', async () => {
    startClock('09:00');
    const movedAway = lesson('08:30', '09:20', { rooms: ['B2.10'], change: { previousRooms: ['A1.01'] } });
    fake.respond('kiosk.nowNext', board([{ room: room('A1.01'), now: movedAway, next: engels }]));
    const store = useBoardStore();
    await store.start();
    expect(store.rooms[0]?.now).toEqual(movedAway);
  });

  it('asks again when the core says the data changed, and keeps the last good board when that fails', async () => {
    startClock('09:15');
    fake.respond('kiosk.nowNext', board([{ room: room('A1.01'), now: wiskunde, next: engels }]));
    const store = useBoardStore();
    await store.start();
    fake.fail('kiosk.nowNext');
    fake.emit('data.changed', { at: at('09:15'), source: 'demo' });
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.callsOf('kiosk.nowNext')).toHaveLength(2);
    expect(store.error?.code).toBe('UNAVAILABLE');
    expect(store.rooms[0]?.now).toEqual(wiskunde);

    // It tries again by itself, and clears the error when the core is back.
    fake.respond('kiosk.nowNext', board([{ room: room('A1.01'), now: null, next: engels }]));
    await vi.advanceTimersByTimeAsync(BOARD_RETRY_MS[0]);
    expect(store.error).toBeNull();
    expect(store.rooms[0]?.now).toBeNull();
  });

  it('asks again when the school day changes at midnight', async () => {
    startClock('23:59:58');
    fake.respond('kiosk.nowNext', board([{ room: room('A1.01'), now: null, next: null }]));
    const store = useBoardStore();
    await store.start();
    await vi.advanceTimersByTimeAsync(3000);
    const calls = fake.callsOf('kiosk.nowNext');
    expect(calls).toHaveLength(2);
    expect(store.loadedDay).toBe('2026-11-25');
  });

  it('asks only for the rooms of a chosen list', async () => {
    startClock('09:15');
    fake.respond('kiosk.nowNext', board([]));
    await useBoardStore().start({ selection: { kind: 'list', rooms: ['A1.01'] } });
    expect(fake.callsOf('kiosk.nowNext')[0]).toEqual({ at: at('09:15'), rooms: ['A1.01'] });
  });

  it('shows one floor of one building from the whole board', async () => {
    startClock('09:15');
    fake.respond('kiosk.nowNext', board([
      { room: room('A1.01'), now: null, next: null },
      { room: room('A2.01'), now: null, next: null },
      { room: room('B1.01'), now: null, next: null },
      { room: room('A1.02'), now: null, next: null },
    ]));
    const store = useBoardStore();
    await store.start({ selection: { kind: 'floor', building: 'A', floor: 1 } });
    expect(fake.callsOf('kiosk.nowNext')[0]).toEqual({ at: at('09:15') });
    expect(store.rooms.map((r) => r.room.code)).toEqual(['A1.01', 'A1.02']);
  });

  it('hands out the same list from tick to tick while no room flips, so nothing re-renders', async () => {
    startClock('09:15');
    fake.respond('kiosk.nowNext', board([{ room: room('A1.01'), now: wiskunde, next: engels }], { changesAt: at('09:20') }));
    const store = useBoardStore();
    await store.start();
    const first = store.rooms;
    await vi.advanceTimersByTimeAsync(3000);
    expect(store.rooms).toBe(first);
  });

  it('runs one fetch at a time and once more for a change that came in meanwhile', async () => {
    startClock('09:15');
    fake.respond('kiosk.nowNext', board([]));
    const store = useBoardStore();
    await Promise.all([store.start(), store.load(), store.load()]);
    expect(fake.callsOf('kiosk.nowNext')).toHaveLength(2);
  });
});
