import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { httpTransport } from './httpTransport';

/** An EventSource stand-in the test drives: open, deliver, fail. */
class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  closed = false;
  private readonly handlers = new Map<string, ((event: MessageEvent) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, handler: (event: MessageEvent) => void) {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  fire(type: string, data?: string) {
    if (type === 'open') this.readyState = 1;
    for (const handler of this.handlers.get(type) ?? []) handler(new MessageEvent(type, { data }));
  }
  failForGood() {
    this.readyState = 2;
    this.fire('error');
  }
}

const asCtor = FakeEventSource as unknown as new (url: string) => EventSource;
const pageKey = async () => 'page-key-1';
/** Lets the page key's promise settle, so the stream opens. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('httpTransport', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.instances = [];
  });
  afterEach(() => vi.useRealTimers());

  it('POSTs the input as JSON to the call\'s path, same-origin, and hands back the envelope', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: { now: 5, rate: 1 } })));
    const api = httpTransport({ fetch, EventSource: asCtor, pageKey });
    await expect(api.call('clock.now', {})).resolves.toEqual({ ok: true, value: { now: 5, rate: 1 } });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/call/clock.now');
    // The page key in a header; no cookie is sent or needed.
    expect(init).toMatchObject({ method: 'POST', credentials: 'omit', body: '{}', headers: { 'x-gangbord-key': 'page-key-1' } });
  });

  it('without a page key (not opened through the printed address) calls nothing and answers UNAVAILABLE', async () => {
    const fetch = vi.fn();
    const api = httpTransport({ fetch, EventSource: asCtor, pageKey: async () => null });
    await expect(api.call('clock.now', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('passes the core\'s error envelopes through', async () => {
    const error = { ok: false, error: { code: 'INVALID_INPUT', message: 'no' } };
    const api = httpTransport({ fetch: async () => new Response(JSON.stringify(error), { status: 400 }), EventSource: asCtor, pageKey });
    await expect(api.call('sync.status', {})).resolves.toEqual(error);
  });

  it('turns a network failure or a non-envelope answer into UNAVAILABLE, never a throw', async () => {
    const down = httpTransport({ fetch: async () => { throw new TypeError('Failed to fetch'); }, EventSource: asCtor, pageKey });
    await expect(down.call('sync.status', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const proxy = httpTransport({ fetch: async () => new Response('<html>502</html>', { status: 502 }), EventSource: asCtor, pageKey });
    await expect(proxy.call('sync.status', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const odd = httpTransport({ fetch: async () => new Response('{"hello":1}'), EventSource: asCtor, pageKey });
    await expect(odd.call('sync.status', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('opens one event stream on the first listener and delivers parsed payloads by event name', async () => {
    const api = httpTransport({ fetch: vi.fn(), EventSource: asCtor, pageKey });
    const changed = vi.fn();
    const status = vi.fn();
    api.on('data.changed', changed);
    api.on('sync.status', status);
    await settle();
    expect(FakeEventSource.instances).toHaveLength(1);
    const es = FakeEventSource.instances[0]!;
    expect(es.url).toBe('/api/events?key=page-key-1');
    es.fire('data.changed', '{"at":1,"source":"demo"}');
    es.fire('data.changed', 'not json');
    expect(changed).toHaveBeenCalledTimes(1);
    expect(changed).toHaveBeenCalledWith({ at: 1, source: 'demo' });
    expect(status).not.toHaveBeenCalled();
  });

  it('reopens a stream the server closed, and then tells listeners to ask again for what they missed', async () => {
    const api = httpTransport({ fetch: vi.fn(), EventSource: asCtor, pageKey, reconnectDelaysMs: [1_000] });
    const changed = vi.fn();
    api.on('data.changed', changed);
    await settle();
    const first = FakeEventSource.instances[0]!;
    first.fire('open');
    expect(changed).not.toHaveBeenCalled();
    first.failForGood();
    expect(first.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    await settle();
    const second = FakeEventSource.instances[1]!;
    expect(second).toBeDefined();
    second.fire('open');
    expect(changed).toHaveBeenCalledWith(expect.objectContaining({ source: 'reconnect' }));
    second.fire('data.changed', '{"at":2,"source":"demo"}');
    expect(changed).toHaveBeenCalledTimes(2);
  });

  it('closes the stream when the last listener goes', async () => {
    const api = httpTransport({ fetch: vi.fn(), EventSource: asCtor, pageKey });
    const off = api.on('sync.status', vi.fn());
    await settle();
    off();
    expect(FakeEventSource.instances[0]!.closed).toBe(true);
  });
});
