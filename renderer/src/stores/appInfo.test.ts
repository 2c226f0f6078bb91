import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appInfo } from '../testing/builders';
import { fakeTimersEachTest, freshCore } from '../testing/fakeCore';
import type { FakeTransport } from '../testing/fakeTransport';
import { APP_INFO_RETRY_MS, DEFAULT_ZONE, useAppInfoStore } from './appInfo';

describe('useAppInfoStore', () => {
  fakeTimersEachTest('default');
  let fake: FakeTransport;
  beforeEach(() => {
    fake = freshCore();
  });
  afterEach(() => {
    useAppInfoStore().stop();
  });

  it('keeps asking until the core answers, so the page comes up by itself', async () => {
    fake.fail('app.info');
    const store = useAppInfoStore();
    const ready = store.loadUntilReady();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.error?.code).toBe('UNAVAILABLE');
    expect(store.zone).toBe(DEFAULT_ZONE);
    fake.respond('app.info', appInfo());
    await vi.advanceTimersByTimeAsync(APP_INFO_RETRY_MS[0]);
    await expect(ready).resolves.toMatchObject({ school: { name: 'Demo College' } });
    expect(store.error).toBeNull();
  });

  it('takes the language from the core unless the page address chose one', async () => {
    fake.respond('app.info', appInfo({ locale: 'nl' }));
    const store = useAppInfoStore();
    await store.load();
    expect(store.locale).toBe('nl');
    store.setLocaleOverride('en');
    expect(store.locale).toBe('en');
  });

  it('asks again after a sync, which may bring the school\'s name', async () => {
    fake.respond('app.info', appInfo({ school: { name: 'Gangbord', zone: 'Europe/Amsterdam' } }));
    const store = useAppInfoStore();
    await store.load();
    store.follow();
    fake.respond('app.info', appInfo());
    fake.emit('data.changed', { at: 0, source: 'demo' });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.school?.name).toBe('Demo College');
  });
});
