import type { GangbordBridge } from '@shared/contract/bridge';
import { bridgeTransport } from './bridgeTransport';
import { httpTransport } from './httpTransport';
import type { Transport } from './transport';

export type { Transport } from './transport';

declare global {
  interface Window {
    /** Present in Electron windows: what the preload exposes. Absent in a plain browser on the web host. */
    gangbord?: GangbordBridge;
  }
}

let current: Transport | null = null;

/** The preload bridge when the page runs in Electron, otherwise the web host over HTTP. */
export function pickTransport(): Transport {
  return window.gangbord ? bridgeTransport(window.gangbord) : httpTransport();
}

// Chosen on first use, so tests can put a fake in first.
function currentTransport(): Transport {
  current ??= pickTransport();
  return current;
}

/** For tests and previews: use this transport from now on (null: pick again on next use). */
export function setApi(transport: Transport | null): void {
  current = transport;
}

/** `api.call(name, input)` / `api.on(event, listener)`: delegates to the transport in use at the moment of the call. */
export const api: Transport = {
  call: (name, input) => currentTransport().call(name, input),
  on: (event, listener) => currentTransport().on(event, listener),
};
