import { callChannel, type CallName, eventChannel, type GangbordBridge, isEventName } from '@shared/contract';

// Builds what a preload exposes as `window.gangbord` (shared/contract/bridge.ts). No Electron import: the preloads
// pass ipcRenderer in, and the unit test an in-memory stand-in, so the wrapper itself is tested under Node.

/** The part of ipcRenderer the bridge uses. The page never gets it, nor the IPC event. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * One named function per allowed call (Electron's advice: never expose ipcRenderer or a generic send), each passing
 * exactly one argument on. `on` accepts only events of the contract and returns a function that removes exactly
 * the listener it added.
 */
export function buildBridge(ipc: BridgeIpc, allowed: readonly CallName[]): GangbordBridge {
  const calls: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const name of allowed) {
    const channel = callChannel(name);
    calls[name] = (input) => ipc.invoke(channel, input);
  }
  return {
    calls: Object.freeze(calls) as GangbordBridge['calls'],
    on(name, listener) {
      if (typeof name !== 'string' || !isEventName(name)) throw new TypeError(`Gangbord has no event named "${String(name).slice(0, 60)}".`);
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
      const channel = eventChannel(name);
      const relay = (_event: unknown, payload: unknown) => listener(payload as Parameters<typeof listener>[0]);
      ipc.on(channel, relay);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(channel, relay);
      };
    },
  };
}
