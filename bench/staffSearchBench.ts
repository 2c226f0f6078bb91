import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { openCache } from '../electron/core/db/open';
import { silentLogger } from '../electron/core/logger';
import { createSearchIndex } from '../electron/core/search/searchIndex';
import { displayName } from '@shared/domain/people';
import { generateDemoSchool } from '../electron/core/demo/demoSchool';
import type { Snapshot } from '../electron/core/sync/snapshot';
import { writeSnapshot } from '../electron/core/sync/writer';
import { addDays, instantAt } from '@shared/timetable/zonedTime';
import { startStaffHost } from '../tests/e2e/staffSupport/staffHost';
import { percentile, timeEach } from './percentiles';
import type { Figure } from './report';

const ZONE = 'Europe/Amsterdam';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * What staff type, keystroke by keystroke: prefixes of last names (with and without the tussenvoegsel), first and
 * last name together, pupil numbers, teacher abbreviations, rooms and groups. Deterministic: every run types the same.
 */
function typedQueries(school: Snapshot, count: number): string[] {
  const queries: string[] = [];
  const pupils = school.pupils;
  for (let i = 0; queries.length < count; i++) {
    const p = pupils[(i * 7919) % pupils.length]!;
    const t = school.teachers[(i * 31) % school.teachers.length]!;
    const r = school.rooms[(i * 13) % school.rooms.length]!;
    const g = school.groups[(i * 17) % school.groups.length]!;
    switch (i % 6) {
      case 0: queries.push(p.lastName.slice(0, 6)); break;
      case 1: queries.push(p.prefix ? `${p.prefix} ${p.lastName}` : `${p.firstName} ${p.lastName.slice(0, 3)}`); break;
      case 2: queries.push(p.number); break;
      case 3: queries.push(t.code); break;
      case 4: queries.push(r.code); break;
      default: queries.push(g.code); break;
    }
  }
  // Typed as staff type: no accents ("muller" finds Müller), plain keys only.
  return queries.map((q) => q.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9. -]/g, '').slice(0, 16)).filter((q) => q.trim() !== '');
}

/** Every prefix a typist produces on the way to each query: "b", "be", "ber", "berg". */
const keystrokes = (queries: string[]) => queries.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)).filter((s) => s.trim() !== ''));

function coreSearch(school: Snapshot, now: number): { figures: Figure[] } {
  const dir = mkdtempSync(join(tmpdir(), 'gangbord-bench-search-'));
  try {
    const { db } = openCache({ file: join(dir, 'cache.db'), key: Buffer.alloc(32, 9), log: silentLogger });
    writeSnapshot(db, school, { scope: 'staff', source: 'demo', now });
    const index = createSearchIndex(db);
    const t0 = performance.now();
    index.query('a', 30);
    const buildMs = performance.now() - t0;
    const typed = keystrokes(typedQueries(school, 600));
    // Check the Dutch rules on the largest school while we are here: the bench must measure the real thing.
    const sanne = index.query('berg', 30).some((h) => h.label === 'Sanne van den Berg') && index.query('van den berg', 30).some((h) => h.label === 'Sanne van den Berg');
    if (!sanne) throw new Error('the search did not find Sanne van den Berg by "berg" and "van den berg"');
    const times = timeEach(typed.length, 200, (i) => index.query(typed[i]!, 30));
    db.close();
    return {
      figures: [
        { name: 'core: building the search index (first query after a sync)', value: buildMs, unit: 'ms' },
        { name: `core: search.query per keystroke, p50 over ${typed.length} keystrokes`, value: percentile(times, 50), unit: 'ms' },
        { name: 'core: search.query per keystroke, p99', value: percentile(times, 99), unit: 'ms', target: { op: '<', limit: 2 } },
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Envelope = { ok: boolean; value?: unknown; error?: { message: string } };

/** A contract call from inside the page (its session cookie goes along). Page-side code is a string: the bench has no DOM types. */
async function call(page: Page, name: string, input: unknown): Promise<Envelope> {
  const body = JSON.stringify(JSON.stringify(input));
  return (await page.evaluate(`fetch('/api/call/${name}', { method: 'POST', headers: { 'content-type': 'application/json', 'x-gangbord-key': sessionStorage.getItem('gangbord.pageKey') ?? '' }, body: ${body} }).then((r) => r.json())`)) as Envelope;
}

/** Signs a created administrator in through the contract (the UI's own sign-in is covered by the e2e tests). */
async function signInAdmin(page: Page): Promise<void> {
  const setup = await call(page, 'auth.setup', { username: 'bench', displayName: 'Bench Beheer', password: 'bench-password-1' });
  if (!setup.ok) throw new Error(`auth.setup: ${setup.error?.message}`);
  const { secret } = (setup.value as { totp: { secret: string } }).totp;
  const clock = await call(page, 'clock.now', {});
  const now = (clock.value as { now: number }).now;
  const verified = await call(page, 'auth.verifyTotp', { code: generateSync({ secret, epoch: Math.floor(now / 1000) }) });
  if (!verified.ok) throw new Error(`auth.verifyTotp: ${verified.error?.message}`);
  await page.reload();
}

/**
 * Runs in the page. The time from a keystroke's keydown to the first frame painted after the results for that text are
 * in the list (the list carries the text its results answer): rAF runs before that frame is painted, and a task
 * queued from it runs after the paint. The typed text is read on input, after the browser applied the key.
 */
const PAGE_PROBE = `(() => {
  const box = document.querySelector('#staff-search');
  const list = document.querySelector('#search-results');
  const b = (window.__bench = { t0: 0, text: '', times: [] });
  box.addEventListener('keydown', () => { b.t0 = performance.now(); }, { capture: true });
  box.addEventListener('input', () => { b.text = box.value.trim(); }, { capture: true });
  new MutationObserver(() => {
    if (b.t0 === 0 || list.dataset.answered !== b.text) return;
    const t0 = b.t0;
    b.t0 = 0;
    requestAnimationFrame(() => setTimeout(() => b.times.push(performance.now() - t0), 0));
  }).observe(list, { attributes: true, childList: true, subtree: true });
})()`;

/** Types the queries keystroke by keystroke, each after the previous one's results were painted. */
async function measureTyping(page: Page, queries: string[]): Promise<number[]> {
  await page.evaluate(PAGE_PROBE);
  const box = page.locator('#staff-search');
  let expected = 0;
  for (const query of queries) {
    await box.press('Escape');
    for (const char of query) {
      await box.press(char === ' ' ? 'Space' : char);
      expected += 1;
      // A function, not a string: the page's CSP refuses string evaluation inside it.
      await page.waitForFunction((n) => (globalThis as unknown as { __bench: { times: number[] } }).__bench.times.length >= n, expected, { timeout: 10_000 });
    }
  }
  return (await page.evaluate('window.__bench.times')) as number[];
}

/** Keystroke to painted results in Chromium against the staff web host over the largest demo school: sorted ms. */
export async function browserTyping(school: Snapshot, now: number): Promise<number[]> {
  const host = await startStaffHost({ now: new Date(now).toISOString(), settings: { source: { type: 'demo', size: 'large' } } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(host.url);
    // The first sync of the largest school must be in before anything is measured.
    await page.getByRole('heading', { level: 1, name: 'Het Gangbord College' }).waitFor({ timeout: 180_000 });
    await signInAdmin(page);
    const box = page.locator('#staff-search');
    await box.waitFor();
    // Warm-up: the core builds its index on the first query, the page compiles its code paths.
    for (const q of ['berg', 'jans', '1']) {
      await box.fill(q);
      await page.locator(`#search-results[data-answered="${q}"]`).waitFor();
    }
    const queries = typedQueries(school, 80).filter((q) => !q.startsWith(' '));
    return (await measureTyping(page, queries)).sort((a, b) => a - b);
  } finally {
    await browser.close();
    await host.stop();
  }
}

async function browserSearch(school: Snapshot, now: number): Promise<Figure[]> {
  const times = await browserTyping(school, now);
  return [
    { name: `Chromium: keystroke to painted results, p50 over ${times.length} keystrokes`, value: percentile(times, 50), unit: 'ms' },
    { name: 'Chromium: keystroke to painted results, p99', value: percentile(times, 99), unit: 'ms', target: { op: '<', limit: 50 } },
  ];
}

/** Staff search over the largest demo school: the core per keystroke, and the whole way to the screen in Chromium. */
export async function staffSearchBench(): Promise<{ title: string; figures: Figure[] }> {
  const now = instantAt(addDays('2026-11-23', 1), '09:00', ZONE);
  const school = generateDemoSchool({ size: 'large', now, zone: ZONE, scope: 'staff' });
  if (!school.pupils.some((p) => displayName(p) === 'Sanne van den Berg')) throw new Error('the large demo school has no Sanne van den Berg');
  const core = coreSearch(school, now);
  const browser = await browserSearch(school, now);
  return {
    title: `Staff search over the largest demo school (${school.pupils.length} pupils, ${school.teachers.length} staff, ${school.rooms.length} rooms, ${school.groups.length} groups)`,
    figures: [...core.figures, ...browser],
  };
}
