import { Worker } from 'node:worker_threads';
import type { Logger } from '../../logger';
import type { WorkerScript } from './launchTypes';
import type { ParentMessage, SyncJob, SyncOutcome, WorkerMessage } from './protocol';

export interface LaunchHooks {
  log: Logger;
  progress?(phase: string, done: number, total: number): void;
  signal?: AbortSignal;
  /** A sync that runs longer is stopped; its transaction never commits, so the cache keeps what it had. */
  timeoutMs?: number;
}

function startWorker(script: WorkerScript, job: SyncJob): Worker {
  if (script.kind === 'js') return new Worker(script.file, { workerData: job });
  return new Worker(new URL('./tsBoot.mjs', import.meta.url), { workerData: { ...job, __entry: script.entry } });
}

/** Runs one sync job in a fresh worker thread and resolves with its outcome; never rejects. */
export function runSyncWorker(script: WorkerScript, job: SyncJob, hooks: LaunchHooks): Promise<SyncOutcome> {
  const failed = (code: string, message: string): SyncOutcome => ({ ok: false, sourceId: 'unknown', code, message, retryAfterMs: null });
  return new Promise((resolve) => {
    let settled = false;
    let worker: Worker;
    try {
      worker = startWorker(script, job);
    } catch (error) {
      job.key.fill(0);
      hooks.log.error('sync.worker-start-failed', { error });
      resolve(failed('INTERNAL', 'The sync worker could not be started; the log has details.'));
      return;
    }
    // workerData was copied into the thread as it started: our copy of the key can go now.
    job.key.fill(0);
    const finish = (outcome: SyncOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      hooks.signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      hooks.log.warn('sync.timeout', { timeoutMs: hooks.timeoutMs });
      finish(failed('UPSTREAM_TIMEOUT', `The sync took longer than ${Math.round((hooks.timeoutMs ?? 0) / 1000)} s and was stopped; the cached data was kept.`));
    }, hooks.timeoutMs ?? 15 * 60_000);
    const onAbort = () => {
      worker.postMessage({ type: 'abort' } satisfies ParentMessage);
      // Give the source a moment to stop politely, then end the thread; an open transaction rolls back.
      setTimeout(() => finish(failed('ABORTED', 'The sync was stopped.')), 2000).unref();
    };
    hooks.signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') hooks.progress?.(message.phase, message.done, message.total);
      else if (message.type === 'log') hooks.log[message.level](message.event, message.fields);
      else if (message.type === 'outcome') finish(message.outcome);
    });
    worker.on('error', (error) => {
      hooks.log.error('sync.worker-error', { error });
      finish(failed('INTERNAL', 'The sync worker failed; the log has details. The cached data was kept.'));
    });
    worker.on('exit', (code) => finish(failed('INTERNAL', `The sync worker stopped unexpectedly (exit ${code}); the cached data was kept.`)));
  });
}
