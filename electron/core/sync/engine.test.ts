import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '@shared/contract';
import { Settings } from '@shared/settings';
import { manualClock } from '../clock';
import { memoryLogger } from '../logger';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './engine';
import type { SyncOutcome } from './worker/protocol';

const success: SyncOutcome = { ok: true, sourceId: 'demo', kind: 'snapshot', summary: null, timings: { fetchMs: 0, normaliseMs: 0, writeMs: 0 } };
const failure: SyncOutcome = { ok: false, sourceId: 'demo', code: 'UPSTREAM_HTTP', message: 'HTTP 503 from upstream', retryAfterMs: null };
const engines: SyncEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.stop();
});

function engine(runJob: SyncEngineOptions['runJob'], settings = Settings.parse({})) {
  const statuses: SyncStatus[] = [];
  const changes: number[] = [];
  const clock = manualClock(Date.parse('2026-11-24T08:00:00Z'));
  const e = createSyncEngine({
    clock, log: memoryLogger(), settings: () => settings, sourceId: () => 'demo', lastSuccessAt: () => null, runJob,
    onStatus: (s) => statuses.push(s), onDataChanged: (t) => changes.push(t), random: () => 1,
  });
  engines.push(e);
  return { e, statuses, changes, clock };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A sync that takes `ms` and counts how many ran, and how many at once. */
function slowSync(ms: number) {
  const seen = { runs: 0, running: 0, maxRunning: 0 };
  const run = async (): Promise<SyncOutcome> => {
    seen.runs++;
    seen.maxRunning = Math.max(seen.maxRunning, ++seen.running);
    await sleep(ms);
    seen.running--;
    return success;
  };
  return { run, seen };
}

describe('the sync engine', () => {
  it('reports success: idle, last success, data changed', async () => {
    const { e, changes, clock } = engine(async () => success);
    expect(e.status().state).toBe('never');
    const status = await e.trigger('manual');
    expect(status).toMatchObject({ state: 'idle', lastSuccessAt: clock.now(), consecutiveFailures: 0, lastError: null });
    expect(changes).toEqual([clock.now()]);
  });

  it('never runs two syncs at once: a trigger during a run joins it', async () => {
    const { run, seen } = slowSync(50);
    const { e } = engine(run);
    await Promise.all([e.trigger('manual'), e.trigger('schedule'), e.trigger('startup')]);
    expect(seen.runs).toBe(1);
    expect(seen.maxRunning).toBe(1);
  });

  it('after a failure keeps the last success, shows the error and backs off', async () => {
    let outcome: SyncOutcome = success;
    const { e, clock } = engine(async () => outcome);
    await e.trigger('manual');
    const good = e.status().lastSuccessAt;
    outcome = failure;
    clock.advance(60_000);
    const status = await e.trigger('manual');
    expect(status).toMatchObject({ state: 'backoff', lastSuccessAt: good, consecutiveFailures: 1, lastError: { code: 'UPSTREAM_HTTP' } });
    expect(status.nextRunAt).toBe(clock.now() + 30_000);
    outcome = success;
    const second = await e.trigger('manual');
    expect(second).toMatchObject({ state: 'idle', consecutiveFailures: 0, lastError: null });
  });

  it('lets scheduled ticks wait out a backoff, but not an explicit "sync now"', async () => {
    let calls = 0;
    const { e } = engine(async () => (calls++, failure));
    await e.trigger('manual');
    await e.trigger('schedule');
    expect(calls).toBe(1);
    await e.trigger('manual');
    expect(calls).toBe(2);
  });

  it('grows the backoff with each failure in a row', async () => {
    const { e } = engine(async () => failure);
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await e.trigger('manual');
      delays.push(s.nextRunAt! - s.lastError!.at);
    }
    expect(delays).toEqual([30_000, 60_000, 120_000]);
  });

  it('runs on its cron schedule without overlapping a slow run', async () => {
    const { run, seen } = slowSync(1500);
    const { e } = engine(run, Settings.parse({ sync: { schedule: '* * * * * *', jitterSeconds: 0 } }));
    e.start();
    expect(e.status().nextRunAt).not.toBeNull();
    await sleep(3600);
    expect(seen.runs).toBeGreaterThanOrEqual(1);
    expect(seen.runs).toBeLessThanOrEqual(2);
    expect(seen.maxRunning).toBe(1);
  }, 10_000);

  it('reports an invalid schedule instead of crashing', () => {
    const { e } = engine(async () => success, { ...Settings.parse({}), sync: { schedule: '61 * * * *', jitterSeconds: 0 } });
    e.start();
    expect(e.status().lastError?.message).toMatch(/not a valid cron expression/);
  });
});

describe('a "sync now" during a running sync', () => {
  it('runs once more after it, so a changed source is synced at once', async () => {
    const { run, seen } = slowSync(80);
    const { e } = engine(run);
    const first = e.trigger('schedule');
    await sleep(10);
    void e.trigger('manual');
    void e.trigger('manual');
    await first;
    await sleep(200);
    expect(seen.runs).toBe(2);
    expect(seen.maxRunning).toBe(1);
  });
});
