import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appInfo, at, lesson, roomDay } from '../testing/builders';
import { fakeTimersEachTest, freshCore, startClock } from '../testing/fakeCore';
import { FakeTransport } from '../testing/fakeTransport';
import { useAppInfoStore } from './appInfo';
import { useClockStore } from './clock';
import { RETRY_MS } from './loaders';
import { useRoomDayStore } from './roomDay';

describe('useRoomDayStore', () => {
  fakeTimersEachTest();
  let fake: FakeTransport;
  beforeEach(async () => {
    fake = freshCore(new FakeTransport().respond('app.info', appInfo()));
    await useAppInfoStore().load();
  });
  afterEach(() => {
    useRoomDayStore().stop();
    useClockStore().stop();
  });

  const wiskunde = lesson('08:30', '09:20', { subjects: ['wi'] });
  const engels = lesson('09:20', '10:10', { subjects: ['en'] });

  it('asks for the room\'s day and flips at the exact second, without asking again', async () => {
    startClock('09:19:58');
    fake.respond('kiosk.roomDay', roomDay([wiskunde, engels]));
    const store = useRoomDayStore();
    await store.start('A1.01');
    expect(fake.callsOf('kiosk.roomDay')[0]).toEqual({ room: 'A1.01', at: at('09:19:58') });
    expect(store.view?.now).toEqual(wiskunde);
    await vi.advanceTimersByTimeAsync(2_010);
    expect(store.view?.now).toEqual(engels);
    expect(fake.callsOf('kiosk.roomDay')).toHaveLength(1);
  });

  it('keeps one view object while nothing on the sign changes', async () => {
    startClock('09:00');
    fake.respond('kiosk.roomDay', roomDay([wiskunde, engels]));
    const store = useRoomDayStore();
    await store.start('A1.01');
    const first = store.view;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(store.view).toBe(first);
  });

  it('asks again after midnight, after a sync, and keeps the last day when asking fails', async () => {
    startClock('23:59:58');
    fake.respond('kiosk.roomDay', roomDay([wiskunde]));
    const store = useRoomDayStore();
    await store.start('A1.01');
    fake.fail('kiosk.roomDay');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(fake.callsOf('kiosk.roomDay')).toHaveLength(2);
    expect(store.error?.code).toBe('UNAVAILABLE');
    expect(store.day?.lessons).toEqual([wiskunde]);

    fake.respond('kiosk.roomDay', roomDay([engels], { day: '2026-11-25' }));
    await vi.advanceTimersByTimeAsync(RETRY_MS[0]);
    expect(store.error).toBeNull();
    expect(store.loadedDay).toBe('2026-11-25');

    fake.emit('data.changed', { at: at('09:00'), source: 'demo' });
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.callsOf('kiosk.roomDay')).toHaveLength(4);
  });

  it('says so when the room is not in the timetable', async () => {
    startClock('09:00');
    fake.respond('kiosk.roomDay', () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'no room' } }));
    const store = useRoomDayStore();
    await store.start('Z9.99');
    expect(store.unknownRoom).toBe(true);
    expect(store.view).toBeNull();
  });

  it('forgets the old room\'s day when the screen moves to another room', async () => {
    startClock('09:00');
    fake.respond('kiosk.roomDay', roomDay([wiskunde]));
    const store = useRoomDayStore();
    await store.start('A1.01');
    fake.respond('kiosk.roomDay', () => new Promise(() => {}));
    void store.start('B2.10');
    expect(store.day).toBeNull();
    expect(store.room).toBe('B2.10');
  });
});
