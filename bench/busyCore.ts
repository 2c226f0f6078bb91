import { spawn } from 'node:child_process';

/**
 * Keeps one core busy for as long as it runs: targets are held on a machine that is doing other work (a staff PC runs
 * a browser and a mail client beside Gangbord), not on an idle one where every margin looks wide.
 */
export function busyCore(): { stop(): void } {
  const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  return { stop: () => child.kill('SIGKILL') };
}
