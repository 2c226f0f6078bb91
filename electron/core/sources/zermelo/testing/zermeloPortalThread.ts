import { Worker } from 'node:worker_threads';
import type { LargeSchoolOptions } from './zermeloLargeSchool';
import type { PortalRequest } from './zermeloPortalWorker';

/** A request without its id, per kind (Omit does not distribute over a union by itself). */
type PortalAsk = { [K in PortalRequest['type']]: Omit<Extract<PortalRequest, { type: K }>, 'id'> }[PortalRequest['type']];

export interface PortalThread {
  baseUrl: string;
  rooms: number;
  versions: number;
  /** Changes a share of the appointments, spread over `during` (Unix s); resolves with how many. */
  change(share: number, during: { from: number; to: number }): Promise<number>;
  requests(): Promise<number>;
  close(): Promise<void>;
}

/** Starts a large school's Zermelo portal (zermeloPortalWorker.ts) in a worker thread, from TypeScript source. */
export async function startPortalThread(school: LargeSchoolOptions, token: string): Promise<PortalThread> {
  const entry = new URL('./zermeloPortalWorker.ts', import.meta.url).href;
  const worker = new Worker(new URL('../../../sync/worker/tsBoot.mjs', import.meta.url), { workerData: { school, token, __entry: entry } });
  let nextId = 1;
  const waiting = new Map<number, (reply: Record<string, unknown>) => void>();
  const ready = new Promise<{ baseUrl: string; rooms: number; versions: number }>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: Record<string, unknown>) => {
      if (m.type === 'ready') resolve(m as unknown as { baseUrl: string; rooms: number; versions: number });
      else waiting.get(m.id as number)?.(m);
    });
  });
  const ask = <R>(request: PortalAsk) => new Promise<R>((resolve) => {
    const id = nextId++;
    waiting.set(id, (reply) => {
      waiting.delete(id);
      resolve(reply as R);
    });
    worker.postMessage({ ...request, id });
  });
  const started = await ready;
  return {
    ...started,
    change: async (share, during) => (await ask<{ changed: number }>({ type: 'change', share, ...during })).changed,
    requests: async () => (await ask<{ requests: number }>({ type: 'requests' })).requests,
    close: async () => {
      await ask({ type: 'close' });
      await worker.terminate();
    },
  };
}
