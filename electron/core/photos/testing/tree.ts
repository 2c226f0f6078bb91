import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every path below `root` with its kind, size and mtime: compare two snapshots to prove nothing was written.
 * Paths for which `contentMayChange` says so are listed by name only (the cache's own files change on import).
 */
export function snapshotTree(root: string, contentMayChange: (relative: string) => boolean = () => false): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const relative = prefix ? `${prefix}/${name}` : name;
      const info = lstatSync(join(dir, name));
      const kind = info.isSymbolicLink() ? 'link' : info.isDirectory() ? 'dir' : info.isFile() ? 'file' : 'other';
      out.set(relative, contentMayChange(relative) || kind === 'dir' ? kind : `${kind} ${info.size} ${info.mtimeMs}`);
      if (kind === 'dir') walk(join(dir, name), relative);
    }
  };
  walk(root, '');
  return out;
}
