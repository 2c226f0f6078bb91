import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { displaySetup, profile } from '../testing/builders';
import { fakeTimersEachTest, freshCore } from '../testing/fakeCore';
import type { FakeTransport } from '../testing/fakeTransport';
import { DISPLAY_RETRY_MS, useDisplayStore } from './display';

describe('useDisplayStore', () => {
  fakeTimersEachTest('default');
  let fake: FakeTransport;
  beforeEach(() => {
    fake = freshCore();
  });
  afterEach(() => {
    useDisplayStore().stop();
  });

  it('keeps asking for the profile until the core answers', async () => {
    fake.fail('display.current');
    const store = useDisplayStore();
    const ready = store.loadUntilReady();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.profile).toBeNull();
    fake.respond('display.current', displaySetup({ layout: 'door' }));
    await vi.advanceTimersByTimeAsync(DISPLAY_RETRY_MS[0]);
    await expect(ready).resolves.toMatchObject({ profile: { layout: 'door' } });
    expect(store.error).toBeNull();
  });

  it('loads the profile again when the core says it changed', async () => {
    fake.respond('display.current', displaySetup());
    const store = useDisplayStore();
    await store.load();
    store.follow();
    fake.respond('display.current', displaySetup({ id: 'gang-b', theme: 'dark' }));
    fake.emit('display.changed', { profileId: 'gang-b' });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.profile).toMatchObject({ id: 'gang-b', theme: 'dark' });
  });

  it('switches with the PIN and shows the new profile at once; a refusal comes back with its code', async () => {
    fake.respond('display.current', displaySetup({}, { pinConfigured: true }));
    const store = useDisplayStore();
    await store.load();
    fake.respond('display.choose', ({ pin }) => (pin === '1234'
      ? { ok: true, value: profile({ id: 'deur', layout: 'door' }) }
      : { ok: false, error: { code: 'FORBIDDEN', message: 'That PIN is not right.' } }));
    await expect(store.choose('deur', '9999')).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(store.profile?.id).toBe('default');
    await expect(store.choose('deur', '1234')).resolves.toEqual({ ok: true });
    expect(fake.callsOf('display.choose').at(-1)).toEqual({ profileId: 'deur', pin: '1234' });
  });
});
