import type { CdpTab } from './kioskSoakCdp';

/*
 * The kiosk's main-thread time from a Chromium trace: every task the renderer's main thread ran (script, style,
 * layout, paint, layerisation and the commit to the compositor), not script time alone. The compositor thread's
 * own time is reported beside it.
 */

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread CPU time of the event (µs), where Chromium records it: time the thread was descheduled is not in it. */
  tdur?: number;
  args?: { name?: string };
}

/*
 * What DevTools' Performance panel records, and no more: every category traced costs the page time of its own, and
 * the figure is meant to be the kiosk's, not the tracer's.
 */
const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'].join(',');
const TASK = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
const PARTS: Record<string, readonly string[]> = {
  script: ['FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'v8.run', 'EvaluateScript', 'RunMicrotasks'],
  'style and layout': ['UpdateLayoutTree', 'Layout'],
  'paint and compositing': ['PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'Commit', 'CompositeLayers'],
};

export interface TraceTick {
  mainMsPerS: number;
  compositorMsPerS: number;
  parts: Record<string, number>;
  seconds: number;
  /** Whether the figures are thread CPU time (else wall time). */
  threadTime: boolean;
}

/** Traces the tab for `seconds` of real time and sums what its main and compositor threads ran, per second. */
export async function traceMainThread(tab: CdpTab, seconds: number): Promise<TraceTick> {
  const events: TraceEvent[] = [];
  const done = new Promise<void>((resolve) => {
    const stop = tab.onEvent((method, params) => {
      if (method === 'Tracing.dataCollected') events.push(...(params.value as TraceEvent[]));
      if (method === 'Tracing.tracingComplete') {
        stop();
        resolve();
      }
    });
  });
  await tab.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES.split(','), recordMode: 'recordContinuously', enableSampling: false }, transferMode: 'ReportEvents' });
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  await tab.send('Tracing.end');
  await done;

  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) names.set(`${e.pid}:${e.tid}`, e.args.name);
  // The kiosk's renderer: the main thread that ran the most tasks (an idle about:blank renderer runs few).
  const taskTime = new Map<string, number>();
  // Thread CPU time where the trace has it: on a busy machine the wall time of a task includes the time the thread
  // waited for a core, which says how busy the machine is, not what the kiosk costs.
  const cost = (e: TraceEvent) => e.tdur ?? e.dur ?? 0;
  // Outermost tasks only: a task run inside another (a nested run loop) is already in the outer one's time.
  const ends = new Map<string, number>();
  const tasks = events.filter((e) => e.ph === 'X' && TASK.has(e.name)).sort((a, b) => a.ts - b.ts);
  for (const e of tasks) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ts < (ends.get(key) ?? -Infinity)) continue;
    ends.set(key, e.ts + (e.dur ?? 0));
    taskTime.set(key, (taskTime.get(key) ?? 0) + cost(e));
  }
  const threads = [...taskTime.entries()];
  const main = threads.filter(([k]) => names.get(k) === 'CrRendererMain').sort((a, b) => b[1] - a[1])[0];
  if (!main) throw new Error('the trace has no renderer main thread');
  const pid = main[0].split(':')[0];
  const compositor = threads.find(([k]) => k.startsWith(`${pid}:`) && names.get(k) === 'Compositor');
  const parts: Record<string, number> = {};
  for (const [part, list] of Object.entries(PARTS)) {
    parts[part] = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main[0] && list.includes(e.name)).reduce((n, e) => n + cost(e), 0) / 1000 / seconds;
  }
  const threadTime = events.some((e) => e.ph === 'X' && TASK.has(e.name) && e.tdur !== undefined);
  return { mainMsPerS: main[1] / 1000 / seconds, compositorMsPerS: (compositor?.[1] ?? 0) / 1000 / seconds, parts, seconds, threadTime };
}
