import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/*
 * Chromium driven over the DevTools protocol on a pipe, with no test framework attached. Playwright keeps the
 * Network domain on for every page, and DevTools then holds a copy of every request and response in the page's
 * heap: fine for tests, but it would be counted as the kiosk's own memory in a soak.
 */

type Json = Record<string, unknown>;

export interface CdpTab {
  send<T = Json>(method: string, params?: Json): Promise<T>;
  /** This tab's protocol events (heap snapshot chunks, for one). Returns a function that stops listening. */
  onEvent(listener: (method: string, params: Json) => void): () => void;
  /** Evaluates an expression in the page (awaiting a promise) and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
}

export interface CdpBrowser {
  newTab(viewport: { width: number; height: number }): Promise<CdpTab>;
  close(): Promise<void>;
}

export async function launchChromium(executablePath: string, args: readonly string[]): Promise<CdpBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'gangbord-bench-chromium-'));
  const child: ChildProcess = spawn(executablePath, [
    '--headless', '--hide-scrollbars', '--mute-audio', ...args,
    // As a kiosk window, never a background tab: timers run at full rate.
    '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
    `--user-data-dir=${profile}`, '--remote-debugging-pipe', '--no-startup-window',
  ], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));

  let nextId = 1;
  const pending = new Map<number, { resolve(value: Json): void; reject(error: Error): void }>();
  let buffer = '';
  const listeners = new Set<(method: string, params: Json, sessionId?: string) => void>();
  fromBrowser.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end)) as {
        id?: number;
        method?: string;
        params?: Json;
        sessionId?: string;
        result?: Json;
        error?: { message: string };
      };
      buffer = buffer.slice(end + 1);
      if (message.method) for (const listener of listeners) listener(message.method, message.params ?? {}, message.sessionId);
      const waiting = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiting) continue;
      pending.delete(message.id!);
      if (message.error) waiting.reject(new Error(message.error.message));
      else waiting.resolve(message.result ?? {});
    }
  });
  child.once('exit', (code) => {
    for (const { reject } of pending.values()) reject(new Error(`Chromium exited (${code}): ${stderr}`));
    pending.clear();
  });

  function send<T>(method: string, params: Json = {}, sessionId?: string): Promise<T> {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: Json) => void, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  await send('Browser.getVersion');
  return {
    async newTab(viewport) {
      const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url: 'about:blank', newWindow: true, ...viewport });
      const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
      const tab: CdpTab = {
        send: (method, params) => send(method, params, sessionId),
        onEvent(listener) {
          const filtered = (method: string, params: Json, from?: string) => {
            if (from === sessionId) listener(method, params);
          };
          listeners.add(filtered);
          return () => listeners.delete(filtered);
        },
        async evaluate<T>(expression: string) {
          const result = await send<{ result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } }>(
            'Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId,
          );
          if (result.exceptionDetails) throw new Error(`in the page: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
          return result.result.value as T;
        },
      };
      await tab.send('Emulation.setDeviceMetricsOverride', { ...viewport, deviceScaleFactor: 1, mobile: false });
      return tab;
    },
    async close() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await send('Browser.close').catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
