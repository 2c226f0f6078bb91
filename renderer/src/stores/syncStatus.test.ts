import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../api';
import { at, syncStatus } from '../testing/builders';
import { FakeTransport } from '../testing/fakeTransport';
import { useSyncStatusStore } from './syncStatus';

describe('useSyncStatusStore', () => {
  let fake: FakeTransport;
  beforeEach(() => {
    fake = new FakeTransport();
    setApi(fake);
    setActivePinia(createPinia());
  });
  afterEach(() => setApi(null));

  it('asks once, then follows the core\'s sync.status events', async () => {
    fake.respond('sync.status', syncStatus());
    const store = useSyncStatusStore();
    store.start();
    await Promise.resolve();
    await Promise.resolve();
    expect(store.lastSuccessAt).toBe(at('08:05'));
    fake.emit('sync.status', syncStatus({ lastSuccessAt: at('09:05') }));
    expect(store.lastSuccessAt).toBe(at('09:05'));
    store.stop();
    expect(fake.listenerCount('sync.status')).toBe(0);
  });

  it('says the sync is failing only when attempts failed with an error', async () => {
    fake.respond('sync.status', syncStatus({ state: 'backoff', consecutiveFailures: 2, lastError: { code: 'UPSTREAM_HTTP', message: '503', at: at('09:00') } }));
    const store = useSyncStatusStore();
    await store.load();
    expect(store.failing).toBe(true);
  });

  it('keeps the last status when asking fails', async () => {
    fake.respond('sync.status', syncStatus());
    const store = useSyncStatusStore();
    await store.load();
    fake.fail('sync.status');
    await store.load();
    expect(store.lastSuccessAt).toBe(at('08:05'));
  });
});
