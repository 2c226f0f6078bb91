import type { CallInput, CallName, CallOutput, EventName, EventPayload, Result } from '@shared/contract';

/**
 * How the page reaches the core: the preload bridge in Electron, HTTP on the web host, a fake in tests.
 * Typed by the contract on the caller's side, so a wrong call name, input or output is a compile error.
 * Implementations never throw: every failure comes back as an error envelope.
 */
export interface Transport {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The envelope for "the core could not be reached": stores treat it as temporary and keep their last data. */
export function unavailable(message: string): Result<never> {
  return { ok: false, error: { code: 'UNAVAILABLE', message } };
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
