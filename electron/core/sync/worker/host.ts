import { connectionStep } from '../../sources/common/connectionStep';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../logger';
import type { WorkerScript } from './launchTypes';
import type { ParentMessage, SyncJob, SyncOutcome, ConnectionTest, WorkerMessage, WorkerSetup } from './protocol';

export interface RunHooks {
  progress?(phase: string, done: number, total: number): void;
  signal?: AbortSignal;
  /** A sync that runs longer is stopped; its transaction never commits, so the cache keeps what it had. */
  timeoutMs?: number;
}

export interface SyncWorkerHost {
  /** Starts the thread and opens its connection ahead of the first sync; resolves with how long opening took. */
  warmUp(): Promise<{ ok: boolean; openMs: number }>;
  /** Runs one sync in the worker; never rejects. One at a time (the engine sees to that). */
  run(job: SyncJob, hooks?: RunHooks): Promise<SyncOutcome>;
  /** "Test connection" in the worker: network and parsing stay off the host's thread; nothing is written. */
  test(job: SyncJob, timeoutMs?: number): Promise<ConnectionTest>;
  close(): Promise<void>;
}

export interface WorkerHostOptions {
  script: WorkerScript;
  dbFile: string;
  /** The host keeps its own copy, to start a fresh thread after a crash; each thread gets (and wipes) a copy. */
  key: Buffer;
  nativeBinding?: string;
  log: Logger;
}

/** How long a closing sync thread gets to finish its statement and close its connection before it is terminated. */
const CLOSE_WAIT_MS = 10_000;

const failed = (code: string, message: string): SyncOutcome => ({ ok: false, sourceId: 'unknown', code, message, retryAfterMs: null });

/**
 * Owns the sync worker thread: starts it when first needed, passes jobs and aborts, forwards its logs, and
 * replaces it after a crash, a timeout or an internal failure, so that one bad sync never leaves a broken
 * connection behind for the next.
 */
export function createSyncWorkerHost(o: WorkerHostOptions): SyncWorkerHost {
  let worker: Worker | null = null;
  /** Threads running a connection test; each goes when its test ends, and all go on close. */
  const testThreads = new Set<Worker>();
  /** More tests at once than this are refused: each is a thread, and an administrator presses one button. */
  const MAX_TESTS = 2;
  let closed = false;
  let nextId = 1;
  const listeners = new Set<(message: WorkerMessage) => void>();
  const exitListeners = new Set<(reason: string) => void>();

  /** A thread of the worker script; key: the copy it gets (empty for a thread that never opens the cache). */
  function startThread(key: Uint8Array): Worker {
    const setup: WorkerSetup = { dbFile: o.dbFile, key, nativeBinding: o.nativeBinding };
    const w = o.script.kind === 'js'
      ? new Worker(o.script.file, { workerData: setup })
      : new Worker(new URL('./tsBoot.mjs', import.meta.url), { workerData: { ...setup, __entry: o.script.entry } });
    // workerData was copied into the thread as it started: this copy of the key can go now.
    key.fill(0);
    // Every thread logs through the host's logger.
    w.on('message', (message: WorkerMessage) => {
      if (message.type === 'log') o.log[message.level](message.event, message.fields);
    });
    return w;
  }

  function spawn(): Worker {
    if (worker) return worker;
    const w = startThread(new Uint8Array(o.key));
    w.on('message', (message: WorkerMessage) => {
      for (const listener of listeners) listener(message);
    });
    const gone = (reason: string) => {
      if (worker !== w) return;
      worker = null;
      for (const listener of exitListeners) listener(reason);
    };
    w.on('error', (error) => {
      o.log.error('sync.worker-error', { error });
      gone('error');
    });
    w.on('exit', (code) => gone(`exit ${code}`));
    return (worker = w);
  }

  async function retire(w: Worker | null, politely = false): Promise<void> {
    if (!w) return;
    if (worker === w) worker = null;
    if (politely) {
      // Asked to end by itself (entry.ts finish()), so no statement is cut off; terminated only if it hangs.
      const exited = new Promise<boolean>((resolve) => {
        w.once('exit', () => resolve(true));
        setTimeout(() => resolve(false), CLOSE_WAIT_MS).unref();
      });
      w.postMessage({ type: 'close' } satisfies ParentMessage);
      if (await exited) return;
      o.log.warn('sync.worker-close-timeout', { waitedMs: CLOSE_WAIT_MS });
    }
    await w.terminate();
  }

  /** The running thread, or a new one; null (logged) when no thread can be started at all. */
  function current(): Worker | null {
    try {
      return spawn();
    } catch (error) {
      o.log.error('sync.worker-start-failed', { error });
      return null;
    }
  }

  return {
    warmUp() {
      return new Promise((resolve) => {
        const w = current();
        if (!w) return resolve({ ok: false, openMs: 0 });
        const onMessage = (m: WorkerMessage) => {
          if (m.type !== 'opened') return;
          listeners.delete(onMessage);
          resolve({ ok: m.ok, openMs: m.ok ? m.openMs : 0 });
        };
        listeners.add(onMessage);
        w.postMessage({ type: 'open' } satisfies ParentMessage);
      });
    },

    run(job, hooks = {}) {
      return new Promise((resolve) => {
        const w = current();
        if (!w) return resolve(failed('INTERNAL', 'The sync worker could not be started; the log has details.'));
        const id = nextId++;
        let settled = false;
        const finish = (outcome: SyncOutcome, replaceWorker: boolean) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          listeners.delete(onMessage);
          exitListeners.delete(onExit);
          hooks.signal?.removeEventListener('abort', onAbort);
          if (replaceWorker) void retire(w);
          resolve(outcome);
        };
        const onMessage = (m: WorkerMessage) => {
          if (m.type === 'progress' && m.id === id) hooks.progress?.(m.phase, m.done, m.total);
          if (m.type === 'outcome' && m.id === id) finish(m.outcome, !m.outcome.ok && (m.outcome.code === 'INTERNAL' || m.outcome.code === 'CACHE'));
        };
        const onExit = (reason: string) => finish(failed('INTERNAL', `The sync worker stopped unexpectedly (${reason}); the cached data was kept.`), false);
        const onAbort = () => {
          w.postMessage({ type: 'abort', id } satisfies ParentMessage);
          // A source gets a moment to stop politely; then the thread goes, and its open transaction rolls back.
          setTimeout(() => finish(failed('ABORTED', 'The sync was stopped.'), true), 2000).unref();
        };
        const timer = setTimeout(() => {
          o.log.warn('sync.timeout', { timeoutMs: hooks.timeoutMs });
          finish(failed('UPSTREAM_TIMEOUT', `The sync took longer than ${Math.round((hooks.timeoutMs ?? 0) / 1000)} s and was stopped; the cached data was kept.`), true);
        }, hooks.timeoutMs ?? 15 * 60_000);
        listeners.add(onMessage);
        exitListeners.add(onExit);
        hooks.signal?.addEventListener('abort', onAbort, { once: true });
        w.postMessage({ type: 'run', id, job } satisfies ParentMessage);
      });
    },

    test(job, timeoutMs = 60_000) {
      // A test gets a thread of its own, without the cache key, and the thread goes when the test is done. A test
      // that hangs (an upstream that never answers, a parser stuck on odd input) then cannot hold up the syncs.
      const failedAt = (code: 'started' | 'ran' | 'waited', detail: string): ConnectionTest => ({ ok: false, steps: [connectionStep(code, false, detail, null, { error: code === 'waited' ? 'UPSTREAM_TIMEOUT' : null })] });
      return new Promise((resolve) => {
        if (closed) return resolve(failedAt('started', 'Gangbord is stopping.'));
        if (testThreads.size >= MAX_TESTS) return resolve(failedAt('started', 'Another test is still running; try again when it has finished.'));
        let w: Worker;
        try {
          w = startThread(new Uint8Array(0));
        } catch (error) {
          o.log.error('sync.worker-start-failed', { error });
          return resolve(failedAt('started', 'The sync worker could not be started; the log has details.'));
        }
        testThreads.add(w);
        const id = nextId++;
        let settled = false;
        const done = (result: ConnectionTest) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          testThreads.delete(w);
          void w.terminate();
          resolve(result);
        };
        w.on('message', (m: WorkerMessage) => {
          if (m.type === 'tested' && m.id === id) done(m.result);
        });
        w.on('error', (error) => {
          o.log.error('sync.test-worker-error', { error });
          done(failedAt('ran', 'The test stopped with an internal error; the log has details.'));
        });
        w.on('exit', () => done(failedAt('ran', 'The test stopped unexpectedly.')));
        const timer = setTimeout(() => {
          o.log.warn('sync.test-timeout', { timeoutMs });
          done(failedAt('waited', `No answer within ${Math.round(timeoutMs / 1000)} s; the test was stopped.`));
        }, timeoutMs);
        w.postMessage({ type: 'test', id, job } satisfies ParentMessage);
      });
    },

    async close() {
      closed = true;
      await Promise.all([...testThreads].map((t) => t.terminate()));
      await retire(worker, true);
    },
  };
}
