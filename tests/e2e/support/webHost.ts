import { existsSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliFromSource, launchHost, root } from './hostProcess';

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
  return cliFromSource(args);
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

  const host = await launchHost({ argv: command(args), args, dataDir, what: 'web host', timeoutMs: STARTUP_TIMEOUT_MS });
  return {
    url: host.url,
    origin: new URL(host.url).origin,
    dataDir,
    writeProvisioning: (content) => writeJsonAtomically(provisioningFile, content),
    stop: host.stop,
  };
}

/** The host's URL with extra page parameters (`lang`, `rooms`): the host keeps them through its redirect. */
export function withParams(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [key, value] of Object.entries(params)) u.searchParams.set(key, value);
  return u.toString();
}
