import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliFromSource, launchHost } from '../support/hostProcess';

const STARTUP_TIMEOUT_MS = 90_000;

export interface StaffHostOptions {
  /** The core clock's start, an ISO instant. */
  now?: string;
  /** Written to settings.json in the data directory before the host starts (e.g. the idle lock, the demo size). */
  settings?: Record<string, unknown>;
}

export interface RunningStaffHost {
  /** Open this: it carries the one-time secret and redirects to the staff page. */
  url: string;
  origin: string;
  dataDir: string;
  /** The host's stderr so far, for a failing test's message. */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Starts the web host in staff mode on a free port with a fresh data directory, seeded with settings first (the
 * shared starter cannot do that). The CLI runs from source through tsx, as build/scripts/web.mjs does, but without
 * its rebuild-when-stale step: two workers must not rebuild out/renderer under each other; `npm run build` first.
 */
export async function startStaffHost(options: StaffHostOptions = {}): Promise<RunningStaffHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gangbord-staff-e2e-'));
  if (options.settings) writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ mode: 'staff', ...options.settings }));
  const args = ['--mode', 'staff', '--data-dir', dataDir, '--port', '0'];
  if (options.now) args.push('--now', options.now);

  const host = await launchHost({ argv: cliFromSource(args), args, dataDir, what: 'staff web host', timeoutMs: STARTUP_TIMEOUT_MS });
  return { url: host.url, origin: new URL(host.url).origin, dataDir, stderr: host.stderr, stop: host.stop };
}
