import { expect, test } from '@playwright/test';
import { KIOSK_PAGE, kioskPageState, launchGangbord, logLines, type RunningApp, SCHOOL_MORNING, skipWithoutElectron } from './launch';

// Self-healing (docs/security-model.md §2): a kiosk whose renderer dies comes back by itself, and a
// renderer that keeps dying ends on the out-of-service page instead of a tight restart loop. Each test has its own
// launch, so the failures of one do not count towards the crash loop of the other.
skipWithoutElectron();

let gb: RunningApp;
test.afterEach(async () => {
  await gb?.close();
});

const pathOf = (url: string) => url.split(/[?#]/)[0];

async function launchShowingRooms(): Promise<RunningApp> {
  const running = await launchGangbord({ mode: 'kiosk', now: SCHOOL_MORNING });
  await expect.poll(async () => (await kioskPageState(running.app)).showsRooms, { timeout: 45_000 }).toBe(true);
  return running;
}

function crashRenderer(running: RunningApp): Promise<void> {
  return running.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
}

test('a crashed renderer is replaced and the page is back within 10 seconds', async () => {
  gb = await launchShowingRooms();
  const crashedAt = Date.now();
  await crashRenderer(gb);
  await expect.poll(async () => {
    const state = await kioskPageState(gb.app);
    return { page: pathOf(state.url), crashed: state.crashed, showsRooms: state.showsRooms };
  }, { timeout: 10_000, intervals: [250] }).toEqual({ page: KIOSK_PAGE, crashed: false, showsRooms: true });
  expect(Date.now() - crashedAt).toBeLessThan(10_000);
  expect(logLines(gb.log(), 'renderer.recovering')).toEqual([expect.objectContaining({ what: 'render-process-gone', action: 'reload', delayMs: 1_000 })]);
});

test('a renderer that keeps crashing ends on the out-of-service page, not in a tight loop', async () => {
  test.setTimeout(120_000);
  gb = await launchShowingRooms();
  // Crash it each time it is back: 1 s, 2 s and 5 s of backoff, and the fourth crash is a crash loop.
  for (let crash = 1; crash <= 3; crash++) {
    await crashRenderer(gb);
    await expect.poll(async () => (await kioskPageState(gb.app)).showsRooms, { timeout: 20_000, intervals: [250] }).toBe(true);
  }
  await crashRenderer(gb);

  await expect.poll(async () => decodeURIComponent((await kioskPageState(gb.app)).url), { timeout: 10_000 }).toMatch(/^data:text\/html.*Tijdelijk buiten gebruik/s);
  const page = decodeURIComponent((await kioskPageState(gb.app)).url);
  expect(page).toContain('volgende poging over 5 minuten');
  expect(page).not.toMatch(/<script/i);

  const delays = logLines(gb.log(), 'renderer.recovering').map((line) => line.delayMs);
  expect(delays).toEqual([1_000, 2_000, 5_000]);
  expect(logLines(gb.log(), 'renderer.out-of-service')).toEqual([expect.objectContaining({ recentFailures: 4, retryInMs: 300_000 })]);
  // And it stays there: no reload behind the out-of-service page's back.
  await gb.page.waitForTimeout(3_000).catch(() => undefined);
  expect(pathOf((await kioskPageState(gb.app)).url)).not.toBe(KIOSK_PAGE);
  expect(logLines(gb.log(), 'renderer.recovering')).toHaveLength(3);
});
