import { describe, expect, it, vi } from 'vitest';
import type { GangbordBridge } from '@shared/contract';
import { bridgeTransport } from './bridgeTransport';

describe('bridgeTransport', () => {
  it('calls the preload\'s function for the call and returns its envelope', async () => {
    const now = vi.fn(async () => ({ ok: true as const, value: { now: 1, rate: 1 } }));
    const api = bridgeTransport({ calls: { 'clock.now': now }, on: vi.fn() });
    await expect(api.call('clock.now', {})).resolves.toEqual({ ok: true, value: { now: 1, rate: 1 } });
    expect(now).toHaveBeenCalledWith({});
  });

  it('answers FORBIDDEN for a call this window\'s preload does not expose', async () => {
    const api = bridgeTransport({ calls: {}, on: vi.fn() });
    await expect(api.call('sync.runNow', {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('turns a rejected IPC promise into UNAVAILABLE', async () => {
    const api = bridgeTransport({ calls: { 'sync.status': async () => { throw new Error('gone'); } }, on: vi.fn() });
    await expect(api.call('sync.status', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('subscribes through the preload\'s listener wrapper', () => {
    const off = vi.fn();
    const on = vi.fn(() => off) as unknown as GangbordBridge['on'];
    const api = bridgeTransport({ calls: {}, on });
    const unsubscribe = api.on('data.changed', vi.fn());
    unsubscribe();
    expect(off).toHaveBeenCalled();
  });
});
