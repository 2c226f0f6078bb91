import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Announcement } from '../../../shared/domain/announcement';
import { setApi } from '../api';
import { at } from '../testing/builders';
import { FakeTransport } from '../testing/fakeTransport';
import { ANNOUNCEMENTS_REFRESH_MS, useAnnouncementsStore } from './announcements';
import { useClockStore } from './clock';

const item = (id: string, extra: Partial<Announcement> = {}): Announcement => ({
  id, title: id, body: '<p>x</p>', start: at('08:00'), end: at('17:00'), audience: [], priority: 10, emergency: false, ...extra,
});

describe('useAnnouncementsStore', () => {
  let fake: FakeTransport;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance', 'Date'] });
    fake = new FakeTransport();
    setApi(fake);
    setActivePinia(createPinia());
  });
  afterEach(() => {
    useAnnouncementsStore().stop();
    useClockStore().stop();
    setApi(null);
    vi.useRealTimers();
  });

  it('shows emergencies first, then by priority, and drops one the moment it ends', async () => {
    const clock = useClockStore();
    clock.start();
    clock.adopt({ now: at('09:59:58'), rate: 1 });
    fake.respond('announcements.current', [
      item('low', { priority: 1 }),
      item('ends', { priority: 50, end: at('10:00') }),
      item('alarm', { emergency: true, priority: 0 }),
    ]);
    const store = useAnnouncementsStore();
    await store.start();
    expect(store.showing.map((a) => a.id)).toEqual(['alarm', 'ends', 'low']);
    expect(store.emergency?.id).toBe('alarm');
    await vi.advanceTimersByTimeAsync(2_100);
    expect(store.showing.map((a) => a.id)).toEqual(['alarm', 'low']);
  });

  it('asks again every minute and after a data change, for its display group', async () => {
    const clock = useClockStore();
    clock.adopt({ now: at('09:00'), rate: 1 });
    fake.respond('announcements.current', []);
    const store = useAnnouncementsStore();
    await store.start({ displayGroup: 'gang-a' });
    expect(fake.callsOf('announcements.current')[0]).toEqual({ at: at('09:00'), displayGroup: 'gang-a' });
    await vi.advanceTimersByTimeAsync(ANNOUNCEMENTS_REFRESH_MS);
    fake.emit('data.changed', { at: at('09:01'), source: 'demo' });
    expect(fake.callsOf('announcements.current')).toHaveLength(3);
  });
});
