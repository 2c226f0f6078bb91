import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small, size-limited file system for the full-disk tests: `GANGBORD_SMALL_FS` (a folder on one, which .ci/run
 * makes), or a tmpfs this process mounts when it runs as root. Null with the reason when neither is possible.
 */
export function smallFileSystem(sizeMb = 24): { dir: string; release(): void } | { dir: null; reason: string } {
  const given = process.env.GANGBORD_SMALL_FS;
  if (given) {
    const dir = mkdtempSync(join(given, 'gangbord-'));
    return { dir, release: () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (process.getuid?.() !== 0) return { dir: null, reason: 'no GANGBORD_SMALL_FS folder given and not root, so no tmpfs can be mounted' };
  const dir = mkdtempSync(join(tmpdir(), 'gangbord-smallfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { dir: null, reason: `mounting a tmpfs failed (${(error as Error).message.split('\n')[0]})` };
  }
  return {
    dir,
    release() {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fills the file system that holds `dir` to the last byte (a file of zeros); answers the file, to delete later. */
export function fillUp(dir: string): string {
  const file = join(dir, 'filler.bin');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (let size = chunk.length; size >= 1; ) {
      try {
        writeSync(fd, chunk, 0, size);
      } catch {
        size = Math.floor(size / 2); // the last few kilobytes, in smaller and smaller pieces
      }
    }
  } finally {
    closeSync(fd);
  }
  return file;
}
