import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { callChannel, callNames, eventChannel, kioskCallNames } from '@shared/contract';
import { type BridgeIpc, buildBridge } from './expose';

/** An in-memory IPC for the bridge's own logic; Electron's real ipcRenderer is exercised by the Electron e2e tests. */
function memoryIpc() {
  const emitter = new EventEmitter();
  const invoked: { channel: string; args: unknown[] }[] = [];
  const ipc: BridgeIpc & { emit(channel: string, payload: unknown): void; count(channel: string): number } = {
    invoke: async (channel, ...args) => {
      invoked.push({ channel, args });
      return { ok: true, value: channel };
    },
    on: (channel, listener) => emitter.on(channel, listener),
    removeListener: (channel, listener) => emitter.removeListener(channel, listener),
    emit: (channel, payload) => emitter.emit(channel, { sender: 'the raw IPC event' }, payload),
    count: (channel) => emitter.listenerCount(channel),
  };
  return { ipc, invoked };
}

describe('buildBridge', () => {
  it('offers exactly the allowed calls: the kiosk preload has no admin call', () => {
    const { ipc } = memoryIpc();
    const kiosk = buildBridge(ipc, kioskCallNames);
    expect(Object.keys(kiosk.calls).sort()).toEqual([...kioskCallNames].sort());
    expect(kiosk.calls['sync.runNow']).toBeUndefined();
    expect(Object.keys(buildBridge(ipc, callNames).calls).sort()).toEqual([...callNames].sort());
  });

  it('invokes the call\'s own channel with exactly one argument', async () => {
    const { ipc, invoked } = memoryIpc();
    const bridge = buildBridge(ipc, kioskCallNames);
    const answer = await (bridge.calls['kiosk.nowNext'] as (input: unknown, extra: unknown) => Promise<unknown>)({ at: 5 }, 'smuggled');
    expect(answer).toEqual({ ok: true, value: callChannel('kiosk.nowNext') });
    expect(invoked).toEqual([{ channel: callChannel('kiosk.nowNext'), args: [{ at: 5 }] }]);
  });

  it('hands listeners the payload only, never the IPC event, and removes exactly that listener', () => {
    const { ipc } = memoryIpc();
    const bridge = buildBridge(ipc, kioskCallNames);
    const seenA: unknown[] = [];
    const seenB: unknown[] = [];
    const offA = bridge.on('data.changed', (payload) => seenA.push(payload));
    bridge.on('data.changed', (payload) => seenB.push(payload));
    ipc.emit(eventChannel('data.changed'), { at: 1, source: 'demo' });
    offA();
    offA();
    ipc.emit(eventChannel('data.changed'), { at: 2, source: 'demo' });
    expect(seenA).toEqual([{ at: 1, source: 'demo' }]);
    expect(seenB).toEqual([{ at: 1, source: 'demo' }, { at: 2, source: 'demo' }]);
    expect(ipc.count(eventChannel('data.changed'))).toBe(1);
  });

  it('refuses events outside the contract and listeners that are not functions', () => {
    const { ipc } = memoryIpc();
    const bridge = buildBridge(ipc, kioskCallNames);
    expect(() => bridge.on('gangbord:call:sync.runNow' as 'data.changed', () => {})).toThrow(/no event named/);
    expect(() => bridge.on('__proto__' as 'data.changed', () => {})).toThrow(/no event named/);
    expect(() => bridge.on('data.changed', 'alert(1)' as unknown as () => void)).toThrow(/must be a function/);
  });
});
