import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root: hosts run from there. */
export const root = resolve(import.meta.dirname, '..', '..', '..');

/** Node's arguments that run the host's CLI from source. */
export const cliFromSource = (args: string[]) => ['--import', 'tsx', join(root, 'electron', 'web', 'cli.ts'), ...args];

export interface HostProcess {
  /** The one-time address the host printed. */
  url: string;
  /** The host's stderr so far, for a failing test's message. */
  stderr(): string;
  /** Ends the host and its children, then removes its data directory. */
  stop(): Promise<void>;
}

export interface HostLaunch {
  /** Node's arguments: a script or `--import tsx` with the CLI, then the host's own `args`. */
  argv: string[];
  /** The host's own arguments, for the message when it does not start. */
  args: string[];
  dataDir: string;
  /** Names the host in that message ("web host", "staff web host"). */
  what: string;
  timeoutMs: number;
}

/**
 * Starts a web host under node and waits for its one stdout line `Listening: <url>`. It runs in a process group of
 * its own: a launcher may start the host as a grandchild, and stop() must end both. A host that does not start is
 * killed, its data directory removed, and the error carries its output.
 */
export async function launchHost(launch: HostLaunch): Promise<HostProcess> {
  const { args, dataDir, what, timeoutMs } = launch;
  const child = spawn(process.execPath, launch.argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      reject(new Error(`${what} ${why}\nargs: ${args.join(' ')}\nstderr:\n${stderr || '(empty)'}\nstdout:\n${stdout || '(empty)'}`));
    };
    const timer = setTimeout(() => fail(`printed no "Listening:" line within ${timeoutMs / 1000} s`), timeoutMs);
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

  return { url, stderr: () => stderr, stop: () => stopHost(child, dataDir) };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopHost(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
