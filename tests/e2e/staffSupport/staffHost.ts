import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');
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

  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron', 'web', 'cli.ts'), ...args], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      reject(new Error(`staff web host ${why}\nargs: ${args.join(' ')}\nstderr:\n${stderr || '(empty)'}\nstdout:\n${stdout || '(empty)'}`));
    };
    const timer = setTimeout(() => fail(`printed no "Listening:" line within ${STARTUP_TIMEOUT_MS / 1000} s`), STARTUP_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /^Listening: (\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.once('exit', (code, signal) => fail(`exited before listening (code ${code}, signal ${signal})`));
    child.once('error', (error) => fail(`could not start: ${error.message}`));
  });
  child.removeAllListeners('exit');

  return { url, origin: new URL(url).origin, dataDir, stderr: () => stderr, stop: () => stopChild(child, dataDir) };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopChild(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
