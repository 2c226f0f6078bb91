import { existsSync } from 'node:fs';
import { join } from 'node:path';
import playwrightConfig from '../playwright.config';
import { generateDemoSchool } from '../electron/core/demo/demoSchool';
import { isChanged } from '@shared/domain/lesson';
import { instantAt, localDateOf } from '@shared/timetable/zonedTime';
import { type RunningWebHost, startWebHost, type WebHostOptions } from '../tests/e2e/support/webHost';
import { type CdpBrowser, type CdpTab, launchChromium } from './kioskSoakCdp';
import { firstOfDay } from './firstOfDayBench';
import { compiledCodeBytes, coreNow, openKiosk, openMetrics, settledMetrics, shownClock } from './kioskSoakPage';
import { busyCore } from './busyCore';
import { traceMainThread } from './kioskTrace';
import type { Figure } from './report';

// The kiosk page over weeks of simulated time: does it hold on to memory or DOM, and what does a second cost?
// Everything here is measured in this run, on this machine, in Debian's Chromium against the real web host.

const ZONE = 'Europe/Amsterdam';
/**
 * The soak runs from a Saturday night at the start of the school year. The first eight and a half simulated weeks
 * (about 100 s of real time) are warm-up, and they hold every kind of day the page will meet: school weeks,
 * weekends, the autumn holiday, the change to winter time. V8 keeps optimising hot functions for a while (machine
 * code for functions that already exist: no new scripts or functions appear), so a shorter warm-up leaves more of
 * that one-off growth inside the measured span (about 170 kB after three weeks of warm-up, 100 kB after these).
 * Then Tuesday 02:00 and the Tuesday 02:00 five weeks later (50,400 simulated minutes) are compared: the same hour
 * and weekday, so the same kind of screen.
 */
const SOAK_START = instantAt('2026-09-05', '00:00', ZONE);
const WARM_POINT = instantAt('2026-11-03', '02:00', ZONE);
const END_POINT = instantAt('2026-12-08', '02:00', ZONE);
/** 50,000 simulated seconds per real second (13.9 hours): the thirteen and a half weeks take under three minutes. */
const SOAK_RATE = 50_000;
/** Real-time tick cost: a Tuesday morning, long enough for dozens of ticks and a page turn or two. */
const TICK_AT = instantAt('2026-11-24', '09:13', ZONE);
const TICK_SECONDS = 20;
const PAGE_VIEWPORT = { width: 1920, height: 1080 };
const SOAK_ROOMS = 24;

/**
 * Rooms whose screen looks alike at both measuring points: at 02:00 each is free, and its first lesson that day
 * (its "next") is unchanged on both Tuesdays. Then the two DOM counts differ by what the page holds on to, not by
 * how many change badges happen to be on screen. Two pages of them, so that the soak pages as a corridor does.
 */
function quietRooms(): string[] {
  const firstLessonPlain = (at: number) => {
    const day = localDateOf(at, ZONE);
    const school = generateDemoSchool({ size: 'standard', now: at, zone: ZONE, scope: 'kiosk' });
    const plain = new Set<string>();
    for (const room of school.rooms) {
      const lessons = school.lessons
        .filter((l) => l.day === day && (l.rooms.includes(room.code) || l.change.previousRooms.includes(room.code)))
        .sort((a, b) => a.start - b.start);
      const [first, second] = lessons;
      if (first && second?.start !== first.start && !isChanged(first.change) && first.groups.length <= 3) plain.add(room.code);
    }
    return plain;
  };
  const atWarm = firstLessonPlain(WARM_POINT);
  const rooms = [...firstLessonPlain(END_POINT)].filter((code) => atWarm.has(code)).sort().slice(0, SOAK_ROOMS);
  if (rooms.length < SOAK_ROOMS) throw new Error(`only ${rooms.length} rooms look alike at both measuring points`);
  return rooms;
}

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = (playwrightConfig.projects?.find((p) => p.name === 'chromium')?.use?.launchOptions?.args ?? []) as string[];

/**
 * The soak's web host: a corridor overview of two pages with the announcement ticker, the demo school synced every
 * second (13.9 simulated hours), so new data keeps arriving and the screen never counts as stale.
 */
export function soakHost(): WebHostOptions {
  const profile = {
    id: 'soak', name: 'Soak', layout: 'corridor', rooms: { kind: 'list', rooms: quietRooms() },
    announcementBand: 'ticker', staleAfterMinutes: 24 * 60, pagingSeconds: 12,
  };
  return {
    now: new Date(SOAK_START).toISOString(), clockRate: SOAK_RATE,
    settings: { sync: { schedule: '* * * * * *', jitterSeconds: 0 } },
    provisioning: { settings: { display: { profiles: [profile] } } },
  };
}

async function withKiosk<T>(browser: CdpBrowser, options: WebHostOptions, body: (tab: CdpTab, host: RunningWebHost) => Promise<T>): Promise<T> {
  const host = await startWebHost(options);
  const tab = await browser.newTab(PAGE_VIEWPORT);
  try {
    await openKiosk(tab, host.url);
    return await body(tab, host);
  } finally {
    await tab.send('Page.navigate', { url: 'about:blank' }).catch(() => undefined);
    await host.stop();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Waits (real time) until the core clock, running at `rate`, reaches `instant`. */
async function waitForCoreTime(tab: CdpTab, instant: number, rate: number): Promise<void> {
  for (;;) {
    const now = await coreNow(tab);
    if (now >= instant) return;
    await sleep(Math.min(2_000, (instant - now) / rate));
  }
}

/**
 * Main-thread time a second at the real rate, for one display profile, from a Chromium trace (script, style,
 * layout, paint, layerisation, commit), on a busy machine: another process keeps one core busy throughout. Three
 * runs in a row; each must be under the target, so a margin met once and missed the next time shows as MISSED.
 */
async function tickCost(browser: CdpBrowser, label: string, provisioning: unknown) {
  return withKiosk(browser, { now: new Date(TICK_AT).toISOString(), provisioning }, async (tab) => {
    await sleep(5_000); // the first answers, fonts and layouts settle
    const busy = busyCore();
    try {
      await sleep(1_000);
      const figures: Figure[] = [];
      for (let run = 1; run <= 3; run++) {
        const t = await traceMainThread(tab, TICK_SECONDS);
        figures.push(
          { name: `${label}, run ${run}: main-thread ${t.threadTime ? 'CPU' : 'wall'} time a second (trace, 1 core busy)`, value: t.mainMsPerS, unit: 'ms', target: { op: '<', limit: 4 } },
          { name: `${label}, run ${run}:   script / style+layout / paint+compositing`, value: t.parts.script!, unit: `ms / ${t.parts['style and layout']!.toFixed(3)} / ${t.parts['paint and compositing']!.toFixed(3)} ms` },
          { name: `${label}, run ${run}:   compositor thread`, value: t.compositorMsPerS, unit: 'ms' },
        );
      }
      return figures;
    } finally {
      busy.stop();
    }
  });
}

export async function kioskSoak(root: string): Promise<{ title: string; figures: Figure[] }> {
  if (!existsSync(join(root, 'out', 'renderer', 'kiosk.html'))) throw new Error('out/renderer is missing: run "npm run build" first');
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath} (set CHROMIUM_PATH)`);
  const browser = await launchChromium(chromiumPath, chromiumArgs);
  try {
    const door = { settings: { display: { profiles: [{ id: 'deur', name: 'Deur A0.02', layout: 'door', rooms: { kind: 'list', rooms: ['A0.02'] } }] } } };
    const corridorTick = await tickCost(browser, 'corridor overview', undefined);
    const doorTick = await tickCost(browser, 'door sign', door);
    const firstDay = await firstOfDay();

    const soak = await withKiosk(browser, soakHost(), async (tab) => {
      await openMetrics(tab);
      await waitForCoreTime(tab, WARM_POINT, SOAK_RATE);
      const warm = await settledMetrics(tab);
      const warmAt = await coreNow(tab);
      const warmCode = await compiledCodeBytes(tab);
      const t0 = performance.now();
      await waitForCoreTime(tab, END_POINT, SOAK_RATE);
      const end = await settledMetrics(tab);
      const endAt = await coreNow(tab);
      const endCode = await compiledCodeBytes(tab);
      const realS = (performance.now() - t0) / 1000;
      // The page kept up: it ticked all the way (its clock shows a time, not the loading screen).
      if (!/^\d\d:\d\d:\d\d$/.test(await shownClock(tab))) throw new Error('the kiosk page stopped showing its clock during the soak');
      return { warm, end, warmCode, endCode, simulatedMinutes: (endAt - warmAt) / 60_000, realS };
    });

    const ratio = (a: number, b: number) => a / b;
    return {
      title: `Kiosk page soak in Chromium: a two-page corridor overview over ${Math.round(soak.simulatedMinutes)} simulated minutes (${SOAK_RATE}x, ${soak.realS.toFixed(0)} s), and the tick at real time`,
      figures: [
        ...corridorTick,
        ...doorTick,
        ...firstDay,
        // At least 50,000 by construction (35 days apart, same weekday and hour, so the screens compare like for like).
        { name: 'simulated minutes between the two measurements', value: soak.simulatedMinutes, unit: 'min' },
        { name: 'JS heap used after warm-up (after GC)', value: soak.warm.heapUsedBytes / 1e6, unit: 'MB' },
        { name: 'JS heap used at the end (after GC)', value: soak.end.heapUsedBytes / 1e6, unit: 'MB' },
        { name: 'JS heap end / warm-up', value: ratio(soak.end.heapUsedBytes, soak.warm.heapUsedBytes), unit: 'x', target: { op: '<=', limit: 1.05 } },
        { name: '  of which V8 compiled code, warm-up -> end', value: (soak.endCode - soak.warmCode) / 1e3, unit: 'kB more' },
        {
          name: '  JS heap without compiled code, end / warm-up',
          value: ratio(soak.end.heapUsedBytes - soak.endCode, soak.warm.heapUsedBytes - soak.warmCode), unit: 'x',
        },
        { name: 'DOM nodes after warm-up', value: soak.warm.nodes, unit: 'nodes' },
        { name: 'DOM nodes at the end', value: soak.end.nodes, unit: 'nodes' },
        { name: 'DOM nodes end / warm-up', value: ratio(soak.end.nodes, soak.warm.nodes), unit: 'x', target: { op: '<=', limit: 1.05 } },
        { name: 'JS event listeners end / warm-up', value: ratio(soak.end.listeners, soak.warm.listeners), unit: 'x' },
      ],
    };
  } finally {
    await browser.close();
  }
}
