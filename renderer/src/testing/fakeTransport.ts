import type { CallInput, CallName, CallOutput, EventName, EventPayload, Result } from '@shared/contract';
import type { Transport } from '../api';

type Handler<N extends CallName> = (input: CallInput<N>) => Result<CallOutput<N>> | Promise<Result<CallOutput<N>>>;
type Listener = (payload: never) => void;

/** A core in a box for store and component tests: answers calls with handlers and pushes events on demand. */
export class FakeTransport implements Transport {
  readonly log: { name: CallName; input: unknown }[] = [];
  private readonly handlers = new Map<CallName, Handler<never>>();
  private readonly listeners = new Map<EventName, Set<Listener>>();

  respond<N extends CallName>(name: N, handler: Handler<N> | CallOutput<N>): this {
    const fn = typeof handler === 'function' ? handler : () => ({ ok: true as const, value: handler });
    this.handlers.set(name, fn as Handler<never>);
    return this;
  }

  fail(name: CallName, code: 'UNAVAILABLE' | 'INTERNAL' = 'UNAVAILABLE'): this {
    this.handlers.set(name, () => ({ ok: false, error: { code, message: 'fake failure' } }));
    return this;
  }

  callsOf(name: CallName): unknown[] {
    return this.log.filter((entry) => entry.name === name).map((entry) => entry.input);
  }

  async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
    this.log.push({ name, input });
    const handler = this.handlers.get(name) as Handler<N> | undefined;
    if (!handler) return { ok: false, error: { code: 'UNKNOWN_CALL', message: `no fake for ${name}` } };
    return handler(input);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (p: EventPayload<E>) => void)(payload);
  }

  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}
