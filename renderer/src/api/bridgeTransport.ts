import type { CallInput, CallName, CallOutput, GangbordBridge, Result } from '@shared/contract';
import { describe, type Transport, unavailable } from './transport';

/** The Electron preload's `window.gangbord`: one function per call the window's role allows. */
export function bridgeTransport(bridge: GangbordBridge): Transport {
  return {
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
      // The index signature loses the link between N and the function's type; the mapped type guarantees it.
      const fn = bridge.calls[name] as ((input: CallInput<N>) => Promise<Result<CallOutput<N>>>) | undefined;
      if (!fn) return { ok: false, error: { code: 'FORBIDDEN', message: `${name} is not available in this window` } };
      try {
        return await fn(input);
      } catch (error) {
        return unavailable(`${name}: ${describe(error)}`);
      }
    },
    on: (event, listener) => bridge.on(event, listener),
  };
}
