import type { CallInput, CallName, CallOutput, EventName, EventPayload, Result } from '@shared/contract';
// Straight from bridge.ts: the contract's index would pull every zod schema into the page bundle.
import { webHostPaths } from '@shared/contract/bridge';
import { browserPageKey } from './pageKey';
import { describe, type Transport, unavailable } from './transport';

export interface HttpTransportOptions {
  fetch?: typeof globalThis.fetch;
  EventSource?: new (url: string) => EventSource;
  /** A call that takes longer than this is given up as UNAVAILABLE; the stores try again later. */
  timeoutMs?: number;
  /** Waits before reopening the event stream after the server closed it, the last one repeating. */
  reconnectDelaysMs?: readonly number[];
  /** The page's key to the host (pageKey.ts); tests give their own. */
  pageKey?: () => Promise<string | null>;
}

type AnyListener = (payload: never) => void;

/**
 * Calls that take long by nature get longer than the default: an import of a photographer's ZIP, a connection test
 * that waits for a slow upstream (the core gives a feed 30 s and a test 60 s), an erasure that compacts the cache.
 */
const LONG_CALLS: Partial<Record<CallName, number>> = {
  'photos.import': 30 * 60_000,
  'sources.test': 90_000,
  'sources.linkZermelo': 60_000,
  'privacy.erase': 120_000,
  'audit.exportCsv': 120_000,
};
const EVENT_SOURCE_CLOSED = 2; // EventSource.CLOSED, without needing the global in tests

function isEnvelope(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return 'value' in body;
  return body.ok === false && 'error' in body && typeof body.error === 'object' && body.error !== null;
}

/**
 * The web host's HTTP face of the contract: same-origin POSTs for calls, one Server-Sent Events stream for events,
 * each carrying the page key (pageKey.ts). No cookies: a cookie for 127.0.0.1 reaches every port on it.
 */
export function httpTransport(options: HttpTransportOptions = {}): Transport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const EventSourceCtor = options.EventSource ?? globalThis.EventSource;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const delays = options.reconnectDelaysMs ?? [1_000, 2_000, 5_000, 10_000, 30_000];
  const pageKey = options.pageKey ?? browserPageKey(doFetch);

  async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
    let response: Response;
    try {
      const key = await pageKey();
      if (key === null) return unavailable(`${name}: no page key; open the address the web host printed`);
      response = await doFetch(webHostPaths.call(name), {
        method: 'POST',
        credentials: 'omit',
        headers: { 'content-type': 'application/json', accept: 'application/json', [webHostPaths.keyHeader]: key },
        body: JSON.stringify(input ?? {}),
        signal: AbortSignal.timeout(Math.max(timeoutMs, LONG_CALLS[name] ?? 0)),
      });
    } catch (error) {
      return unavailable(`${name}: ${describe(error)}`);
    }
    // Chromium keeps a timing entry for every request (up to 250) for pages that ask: a kiosk never does, and
    // runs for weeks, so it lets them go.
    performance.clearResourceTimings?.();
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return unavailable(`${name}: HTTP ${response.status} without an envelope`);
    }
    // The host validated the value against the contract before sending it; the page trusts its own host.
    if (isEnvelope(body)) return body as Result<CallOutput<N>>;
    return unavailable(`${name}: HTTP ${response.status} without an envelope`);
  }

  const listeners = new Map<EventName, Set<AnyListener>>();
  let source: EventSource | null = null;
  let subscribed = new Set<EventName>();
  let hadOpened = false;
  let failures = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  /** The page key is being fetched before the stream opens. */
  let opening: Promise<void> | null = null;

  function deliver(name: EventName, payload: unknown) {
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        (listener as (payload: unknown) => void)(payload);
      } catch (error) {
        console.error(`listener for ${name} failed`, error);
      }
    }
  }

  function subscribe(name: EventName) {
    if (!source || subscribed.has(name)) return;
    subscribed.add(name);
    source.addEventListener(name, (message) => {
      let payload: unknown;
      try {
        payload = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        console.warn(`ignored an event ${name} that is not JSON`);
        return;
      }
      deliver(name, payload);
    });
  }

  function open() {
    reconnectTimer = null;
    opening = pageKey().then((key) => {
      opening = null;
      if (listeners.size === 0) return;
      if (key === null) return retryLater();
      connect(key);
    });
  }

  function retryLater() {
    const delay = delays[Math.min(failures, delays.length - 1)] ?? 30_000;
    failures += 1;
    reconnectTimer = setTimeout(open, delay);
  }

  function connect(key: string) {
    const es = new EventSourceCtor(`${webHostPaths.events}?key=${encodeURIComponent(key)}`);
    source = es;
    subscribed = new Set();
    for (const name of listeners.keys()) subscribe(name);
    es.addEventListener('open', () => {
      failures = 0;
      // Events sent while the stream was down are lost: tell the stores to ask again, as after a sync.
      if (hadOpened) deliver('data.changed', { at: Date.now(), source: 'reconnect' });
      hadOpened = true;
    });
    es.addEventListener('error', () => {
      // While CONNECTING the browser retries by itself; CLOSED means it gave up (e.g. an HTTP error): retry here.
      if (es.readyState !== EVENT_SOURCE_CLOSED || source !== es) return;
      es.close();
      source = null;
      retryLater();
    });
  }

  function close() {
    if (reconnectTimer) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    source?.close();
    source = null;
    hadOpened = false;
  }

  function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener as AnyListener);
    if (!source && !reconnectTimer && !opening) open();
    else subscribe(event);
    return () => {
      set.delete(listener as AnyListener);
      if (set.size === 0) listeners.delete(event);
      if (listeners.size === 0) close();
    };
  }

  return { call, on };
}
