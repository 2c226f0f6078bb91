import type { CdpTab } from './kioskSoakCdp';

/* What the kiosk soak measures inside Chromium through the DevTools protocol, and the page-side snippets it runs. */

export interface PageMetrics {
  /** Main-thread time spent in tasks, in seconds (thread CPU time where Chromium offers it). */
  taskS: number;
  scriptS: number;
  layoutS: number;
  styleS: number;
  heapUsedBytes: number;
  nodes: number;
  listeners: number;
}

/** Starts the Performance domain, on thread CPU time when this Chromium offers it (a busy machine then does not inflate the figures). */
export async function openMetrics(tab: CdpTab): Promise<'thread CPU' | 'wall'> {
  try {
    await tab.send('Performance.enable', { timeDomain: 'threadTicks' });
    return 'thread CPU';
  } catch {
    await tab.send('Performance.enable', { timeDomain: 'timeTicks' });
    return 'wall';
  }
}

export async function readMetrics(tab: CdpTab): Promise<PageMetrics> {
  const { metrics } = await tab.send<{ metrics: { name: string; value: number }[] }>('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return {
    taskS: get('TaskDuration'), scriptS: get('ScriptDuration'), layoutS: get('LayoutDuration'), styleS: get('RecalcStyleDuration'),
    heapUsedBytes: get('JSHeapUsedSize'), nodes: get('Nodes'), listeners: get('JSEventListeners'),
  };
}

/** Heap and DOM as they are after garbage collection: what is still held, not what merely has not been swept yet. */
export async function settledMetrics(tab: CdpTab): Promise<PageMetrics> {
  await tab.send('HeapProfiler.enable');
  for (let i = 0; i < 3; i++) await tab.send('HeapProfiler.collectGarbage');
  return readMetrics(tab);
}

/** Opens the page and waits until it shows its clock (the loading screen has none). */
export async function openKiosk(tab: CdpTab, url: string): Promise<void> {
  await tab.send('Page.navigate', { url });
  const deadline = Date.now() + 60_000;
  while (!(await tab.evaluate<boolean>('!!document.querySelector(\'[data-testid="clock"]\')').catch(() => false))) {
    if (Date.now() > deadline) throw new Error('the kiosk page did not come up within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The core's clock, asked from inside the page (its session cookie). */
export const coreNow = (tab: CdpTab) =>
  tab.evaluate<number>(`fetch('/api/call/clock.now', { method: 'POST', headers: { 'content-type': 'application/json', 'x-gangbord-key': sessionStorage.getItem('gangbord.pageKey') ?? '' }, body: '{}' })
    .then((r) => r.json()).then((b) => b.value.now)`);

/** What the page's clock shows, as "HH:MM:SS". */
export const shownClock = (tab: CdpTab) => tab.evaluate<string>('document.querySelector(\'[data-testid="clock"]\')?.textContent ?? \'\'');

/**
 * How much of the heap is V8's compiled code, from a heap snapshot: the engine compiles more of the page's code
 * as it keeps running (and a soak runs it hard), which is growth that says nothing about what the page retains.
 */
export async function compiledCodeBytes(tab: CdpTab): Promise<number> {
  const chunks: string[] = [];
  const stop = tab.onEvent((method, params) => {
    if (method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(params.chunk as string);
  });
  try {
    await tab.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    stop();
  }
  const snapshot = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const typeNames = snapshot.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const code = typeNames.indexOf('code');
  let bytes = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    if (snapshot.nodes[i + typeAt] === code) bytes += snapshot.nodes[i + sizeAt]!;
  }
  return bytes;
}
