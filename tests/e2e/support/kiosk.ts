import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { type RunningWebHost, startWebHost, type WebHostOptions, withParams } from './webHost';

export interface PageProblems {
  /** Console errors, uncaught exceptions and CSP violations, as text. */
  list: string[];
  /** A test that breaks the network on purpose expects the browser's own error lines for it. */
  allow(pattern: RegExp): void;
}

/**
 * Every kiosk test also checks what nobody sees on a corridor screen: console errors, uncaught exceptions and CSP
 * violations. Chromium reports a violation both as a console error and as a `securitypolicyviolation` event.
 */
export const test = base.extend<{ problems: PageProblems }>({
  problems: [
    async ({ page }, use) => {
      const allowed: RegExp[] = [];
      const problems: PageProblems = { list: [], allow: (pattern) => allowed.push(pattern) };
      page.on('console', (message) => {
        if (message.type() === 'error') problems.list.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.list.push(`pageerror: ${error.message}`));
      await page.exposeFunction('__reportCspViolation', (text: string) => problems.list.push(`csp: ${text}`));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(
            `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
          );
        });
      });
      await use(problems);
      const unexpected = problems.list.filter((text) => !allowed.some((pattern) => pattern.test(text)));
      expect(unexpected, 'console errors, page errors or CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Starts a web host, runs `body`, and stops the host even when the body fails. The page is closed first, so its
 * event stream does not log a refused reconnection after the host is gone.
 */
export async function withHost(page: Page, options: WebHostOptions, body: (host: RunningWebHost) => Promise<void>): Promise<void> {
  const host = await startWebHost(options);
  try {
    await body(host);
  } finally {
    await page.close();
    await host.stop();
  }
}

export async function openPage(page: Page, host: RunningWebHost, params: Record<string, string> = {}): Promise<void> {
  await page.goto(withParams(host.url, params));
  // The loading screen gives way to the real page once app.info and the board are in.
  await expect(page.getByTestId('clock')).toBeVisible();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A room's card, found the way a person finds it: by its code (the card is labelled "code name"). */
export function roomCard(page: Page, code: string): Locator {
  return page.getByRole('region', { name: new RegExp(`^${escape(code)}(\\s|$)`) });
}

/** The "Nu"/"Now" or "Straks"/"Next" part of a room's card. */
export function slot(card: Locator, label: string): Locator {
  return card.getByRole('group', { name: label, exact: true });
}

/** The codes of the room cards on screen, in reading order. */
export async function visibleRoomCodes(page: Page): Promise<string[]> {
  const labels = await page.getByRole('region').evaluateAll((sections) => sections.map((s) => s.getAttribute('aria-label') ?? ''));
  return labels.filter((label) => label !== '').map((label) => label.split(' ')[0]!);
}

/**
 * The demo school's 60 rooms on the default corridor at 1280×720 or 1920×1080 (a 55-inch screen read from 3 m): one
 * row a room at reading size, three balanced pages of 20 (renderer/src/kiosk/corridor/corridorFit.ts).
 */
export const DEMO_PER_PAGE = 20;
export const DEMO_PAGES = 3;
