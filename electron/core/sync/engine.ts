import cron, { type ScheduledTask } from 'node-cron';
import type { SyncStatus } from '@shared/contract';
import type { Settings } from '@shared/settings';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { retryDelayMs } from './backoff';
import type { SyncOutcome } from './worker/protocol';

/** `pushed`: a fleet broker pushed a new bundle (fleetScreen.ts); like `manual`, it runs again after a running sync. */
export type SyncReason = 'startup' | 'schedule' | 'retry' | 'manual' | 'pushed';

export interface SyncEngineOptions {
  clock: Clock;
  log: Logger;
  settings(): Settings;
  /** Id of the configured source, for the status. */
  sourceId(): string;
  /** When the cache was last filled successfully (from the cache itself, so it survives restarts). */
  lastSuccessAt(): number | null;
  /** Runs one sync (in the worker) and reports its outcome; must not reject. */
  runJob(hooks: { progress(phase: string, done: number, total: number): void; signal: AbortSignal }): Promise<SyncOutcome>;
  onStatus(status: SyncStatus): void;
  onDataChanged(at: number, source: string): void;
  random?: () => number;
}

export interface SyncEngine {
  start(): void;
  /** Runs a sync unless one is running, in which case it waits for that one. */
  trigger(reason: SyncReason): Promise<SyncStatus>;
  status(): SyncStatus;
  /** Picks up a changed schedule from settings. */
  restartSchedule(): void;
  stop(): Promise<void>;
}

/**
 * Schedules syncs with node-cron (from settings, jittered so screens do not all call at once), never two at a
 * time, and backs off after failures. The status it keeps is what kiosks show as "last updated".
 */
export function createSyncEngine(o: SyncEngineOptions): SyncEngine {
  const random = o.random ?? Math.random;
  let status: SyncStatus = {
    state: o.lastSuccessAt() === null ? 'never' : 'idle',
    source: o.sourceId(),
    lastSuccessAt: o.lastSuccessAt(),
    lastAttemptAt: null,
    lastError: null,
    consecutiveFailures: 0,
    nextRunAt: null,
    progress: null,
  };
  let task: ScheduledTask | null = null;
  let running: Promise<SyncStatus> | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let backoffUntil = 0;
  /** An explicit "sync now" during a run (say, right after the source was changed) runs once more afterwards. */
  let againAfterThisRun = false;
  let lastProgressEmit = 0;
  const abort = new AbortController();

  const publish = (patch: Partial<SyncStatus>) => {
    status = { ...status, ...patch };
    o.onStatus(status);
  };

  /** Real-time delay expressed on the core clock, which may run faster than the wall clock. */
  const coreTimeIn = (realMs: number) => o.clock.now() + Math.round(realMs * o.clock.rate);

  const nextScheduled = (): number | null => {
    const next = task?.getNextRun();
    return next ? coreTimeIn(Math.max(0, next.getTime() - Date.now())) : null;
  };

  async function runOnce(): Promise<SyncStatus> {
    publish({ state: 'running', source: o.sourceId(), lastAttemptAt: o.clock.now(), progress: { phase: 'start', done: 0, total: 0 } });
    const outcome = await o.runJob({
      signal: abort.signal,
      progress(phase, done, total) {
        // Progress is for a progress bar, not a firehose: at most a few updates a second.
        const t = Date.now();
        if (t - lastProgressEmit < 250 && done !== total) return;
        lastProgressEmit = t;
        publish({ progress: { phase, done, total } });
      },
    });
    const now = o.clock.now();
    if (outcome.ok) {
      backoffUntil = 0;
      publish({ state: 'idle', source: outcome.sourceId, lastSuccessAt: now, lastError: null, consecutiveFailures: 0, nextRunAt: nextScheduled(), progress: null });
      o.log.info('sync.done', { source: outcome.sourceId, kind: outcome.kind, ...outcome.summary, ...outcome.timings });
      if (outcome.kind !== 'unchanged') o.onDataChanged(now, outcome.sourceId);
    } else if (outcome.code === 'ABORTED') {
      publish({ state: status.lastSuccessAt === null ? 'never' : 'idle', progress: null });
    } else {
      const failures = status.consecutiveFailures + 1;
      const delay = retryDelayMs(failures, outcome.retryAfterMs, random);
      backoffUntil = Date.now() + delay;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = setTimeout(() => void trigger('retry'), delay);
      retryTimer.unref();
      publish({
        state: 'backoff', lastError: { code: outcome.code, message: outcome.message, at: now },
        consecutiveFailures: failures, nextRunAt: coreTimeIn(delay), progress: null,
      });
      o.log.warn('sync.failed', { source: outcome.sourceId, code: outcome.code, message: outcome.message, failures, retryInMs: delay });
    }
    return status;
  }

  function trigger(reason: SyncReason): Promise<SyncStatus> {
    if (running) {
      if (reason === 'manual' || reason === 'pushed') againAfterThisRun = true;
      return running;
    }
    // Scheduled ticks wait out a backoff; a retry, a start-up or an administrator's "sync now" do not.
    if (reason === 'schedule' && Date.now() < backoffUntil) return Promise.resolve(status);
    if (abort.signal.aborted) return Promise.resolve(status);
    if (retryTimer && reason !== 'retry') {
      clearTimeout(retryTimer);
      retryTimer = null;
    }
    running = runOnce().finally(() => {
      running = null;
      if (againAfterThisRun) {
        againAfterThisRun = false;
        void trigger('manual');
      }
    });
    return running;
  }

  function start() {
    {
      const { schedule, jitterSeconds } = o.settings().sync;
      if (!cron.validate(schedule)) {
        o.log.error('sync.bad-schedule', { schedule });
        publish({ lastError: { code: 'INTERNAL', message: `The sync schedule "${schedule}" is not a valid cron expression; no automatic syncs will run.`, at: o.clock.now() } });
        return;
      }
      task = cron.schedule(schedule, () => trigger('schedule'), {
        name: 'gangbord-sync',
        timezone: o.settings().zone,
        noOverlap: true,
        maxRandomDelay: jitterSeconds * 1000,
        suppressMissedWarning: true,
      });
      publish({ nextRunAt: nextScheduled() });
    }
  }

  return {
    start,
    restartSchedule() {
      void task?.destroy();
      task = null;
      start();
    },
    trigger,
    status: () => status,
    async stop() {
      abort.abort();
      if (retryTimer) clearTimeout(retryTimer);
      await task?.destroy();
      task = null;
      await running?.catch(() => undefined);
    },
  };
}
