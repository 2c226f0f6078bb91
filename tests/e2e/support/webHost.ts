import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');
const STARTUP_TIMEOUT_MS = 60_000;

export interface WebHostOptions {
  mode?: 'kiosk' | 'staff';
  /** The core clock's start, an ISO instant with offset (e.g. 2026-11-24T09:15:00+01:00). */
  now?: string;
  clockRate?: number;
  /** Written to DATA_DIR/settings.json before the host starts (the shared/settings.ts schema). */
  settings?: unknown;
  /** Written to DATA_DIR/provisioning.json before the host starts; the core watches that file. */
  provisioning?: unknown;
  /** `--profile ID`: the display profile for this run. */
  profile?: string;
}

export interface RunningWebHost {
  /** Open this: it carries the one-time secret and redirects to the mode's page. */
  url: string;
  /** The page address without the secret, for `?lang=` and other parameters: add them to `url` instead. */
  origin: string;
  dataDir: string;
  /** Replaces DATA_DIR/provisioning.json at once (write and rename); the core picks it up within about 2 s. */
  writeProvisioning(content: unknown): void;
  stop(): Promise<void>;
}

/** Writes JSON so that a reader polling the file never sees half of it. */
function writeJsonAtomically(file: string, content: unknown): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(content, null, 2));
  renameSync(temporary, file);
}

/** How to start the host: the npm script's launcher when it is there, the CLI from source otherwise. */
function command(args: string[]): string[] {
  const launcher = join(root, 'build', 'scripts', 'web.mjs');
  if (existsSync(launcher)) return [launcher, ...args];
  return ['--import', 'tsx', join(root, 'electron', 'web', 'cli.ts'), ...args];
}

/**
 * Starts the web host as a child process on a free port with a fresh data directory (so every test has its
 * own cache and its own demo sync), and waits for its one stdout line `Listening: <url>`.
 */
export async function startWebHost(options: WebHostOptions = {}): Promise<RunningWebHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gangbord-e2e-'));
  const args = ['--mode', options.mode ?? 'kiosk', '--data-dir', dataDir, '--port', '0'];
  if (options.now) args.push('--now', options.now);
  if (options.clockRate) args.push('--clock-rate', String(options.clockRate));
  if (options.profile) args.push('--profile', options.profile);
  const provisioningFile = join(dataDir, 'provisioning.json');
  if (options.settings !== undefined) writeJsonAtomically(join(dataDir, 'settings.json'), options.settings);
  if (options.provisioning !== undefined) writeJsonAtomically(provisioningFile, options.provisioning);

  // Its own process group: the launcher starts the host as a grandchild, and stop() must end both.
  const child = spawn(process.execPath, command(args), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      reject(new Error(`web host ${why}\nargs: ${args.join(' ')}\nstderr:\n${stderr || '(empty)'}\nstdout:\n${stdout || '(empty)'}`));
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

  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    writeProvisioning: (content) => writeJsonAtomically(provisioningFile, content),
    stop: () => stopChild(child, dataDir),
  };
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

/** The host's URL with extra page parameters (`lang`, `rooms`): the host keeps them through its redirect. */
export function withParams(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [key, value] of Object.entries(params)) u.searchParams.set(key, value);
  return u.toString();
}
