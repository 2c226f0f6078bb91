import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appInfo, at, changesBoard, DAY, lesson } from '../testing/builders';
import { fakeTimersEachTest, freshCore, startClock } from '../testing/fakeCore';
import { FakeTransport } from '../testing/fakeTransport';
import { useAppInfoStore } from './appInfo';
import { useChangesStore } from './changes';
import { useClockStore } from './clock';
import { RETRY_MS } from './loaders';

describe('useChangesStore', () => {
  fakeTimersEachTest();
  let fake: FakeTransport;
  beforeEach(async () => {
    fake = freshCore(new FakeTransport().respond('app.info', appInfo()));
    await useAppInfoStore().load();
  });
  afterEach(() => {
    useChangesStore().stop();
    useClockStore().stop();
  });

  const cancelled = lesson('10:25', '11:15', { groups: ['2a'], change: { cancelled: true } });

  it('asks for today only before the hour, and for the next school day too from that hour on', async () => {
    startClock('12:59:58');
    fake.respond('kiosk.changes', changesBoard([{ day: DAY, groups: [{ group: '2a', lessons: [cancelled] }] }]));
    const store = useChangesStore();
    await store.start({ nextDayFrom: '13:00' });
    expect(fake.callsOf('kiosk.changes')[0]).toEqual({ at: at('12:59:58'), includeNextDay: false });
    await vi.advanceTimersByTimeAsync(2_100);
    const calls = fake.callsOf('kiosk.changes');
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ includeNextDay: true });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(fake.callsOf('kiosk.changes')).toHaveLength(2);
  });

  it('asks again after a sync and keeps the last board when that fails, trying again by itself', async () => {
    startClock('09:00');
    fake.respond('kiosk.changes', changesBoard([{ day: DAY, groups: [{ group: '2a', lessons: [cancelled] }] }]));
    const store = useChangesStore();
    await store.start();
    fake.fail('kiosk.changes');
    fake.emit('data.changed', { at: at('09:00'), source: 'demo' });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.error?.code).toBe('UNAVAILABLE');
    expect(store.board?.days[0]?.groups[0]?.group).toBe('2a');
    fake.respond('kiosk.changes', changesBoard([{ day: DAY, groups: [] }]));
    await vi.advanceTimersByTimeAsync(RETRY_MS[0]);
    expect(store.error).toBeNull();
    expect(store.board?.days[0]?.groups).toEqual([]);
  });
});
