import type { CallInput, CallName, CallOutput } from './calls';
import type { Result } from './envelope';
import type { EventName, EventPayload } from './events';

/**
 * What a preload exposes as `window.gangbord`: one function per call it allows (the kiosk preload only the kiosk
 * calls), and a listener wrapper that hides the IPC event and returns an unsubscribe function.
 */
export interface GangbordBridge {
  calls: { [N in CallName]?: (input: CallInput<N>) => Promise<Result<CallOutput<N>>> };
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
}

/** The web host's HTTP face of the same contract, for pages running in a plain browser. */
export const webHostPaths = {
  /** POST, JSON input in the body, an envelope back. */
  call: (name: CallName) => `/api/call/${name}`,
  /** GET, Server-Sent Events: `event: <name>` and `data: <json payload>`; the page key as `?key=` (no headers there). */
  events: '/api/events',
  /** POST `{ launch }` (the launch key from the address's fragment), once: answers `{ key }`, the page key. */
  launch: '/api/launch',
  /** The page key travels in this header on every call. */
  keyHeader: 'x-gangbord-key',
} as const;
