import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { announcement as item, announcements, at } from '../testing/builders';
import { fakeTimersEachTest, freshCore, startClock } from '../testing/fakeCore';
import type { FakeTransport } from '../testing/fakeTransport';
import { ANNOUNCEMENTS_REFRESH_MS, useAnnouncementsStore } from './announcements';
import { useClockStore } from './clock';

describe('useAnnouncementsStore', () => {
  fakeTimersEachTest();
  let fake: FakeTransport;
  beforeEach(() => {
    fake = freshCore();
  });
  afterEach(() => {
    useAnnouncementsStore().stop();
    useClockStore().stop();
  });

  it('shows emergencies first, then by priority, and drops one the moment it ends', async () => {
    startClock('09:59:58');
    fake.respond('announcements.current', announcements([
      item('low', { priority: 1 }),
      item('ends', { priority: 50, end: at('10:00') }),
      item('alarm', { emergency: true, priority: 0 }),
    ], at('10:00')));
    const store = useAnnouncementsStore();
    await store.start();
    expect(store.showing.map((a) => a.id)).toEqual(['alarm', 'ends', 'low']);
    expect(store.emergency?.id).toBe('alarm');
    expect(store.ordinary.map((a) => a.id)).toEqual(['ends', 'low']);
    fake.respond('announcements.current', () => new Promise(() => {})); // the drop must not wait for the core
    await vi.advanceTimersByTimeAsync(2_100);
    expect(store.showing.map((a) => a.id)).toEqual(['alarm', 'low']);
  });

  it('asks again at the second the core said the picture changes, for its display group', async () => {
    startClock('09:00:00');
    fake.respond('announcements.current', announcements([], at('09:00:03')));
    const store = useAnnouncementsStore();
    await store.start({ displayGroup: 'gang-a' });
    expect(fake.callsOf('announcements.current')[0]).toEqual({ at: at('09:00'), displayGroup: 'gang-a' });
    fake.respond('announcements.current', announcements([item('alarm', { emergency: true, start: at('09:00:03'), end: at('09:05') })], at('09:05')));
    await vi.advanceTimersByTimeAsync(2_500);
    expect(store.emergency).toBeNull();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fake.callsOf('announcements.current')).toHaveLength(2);
    expect(store.emergency?.id).toBe('alarm');
  });

  it('asks again after a data change and every few minutes, keeping what it shows when that fails', async () => {
    startClock('09:00');
    fake.respond('announcements.current', announcements([item('a')]));
    const store = useAnnouncementsStore();
    await store.start();
    fake.fail('announcements.current');
    fake.emit('data.changed', { at: at('09:01'), source: 'demo' });
    await vi.advanceTimersByTimeAsync(ANNOUNCEMENTS_REFRESH_MS);
    expect(fake.callsOf('announcements.current').length).toBeGreaterThanOrEqual(3);
    expect(store.showing.map((a) => a.id)).toEqual(['a']);
  });
});
