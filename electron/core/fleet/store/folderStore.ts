import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { envelopesIn, readIfThere, writeAtomically } from '../fleetFolder';
import type { FleetStore } from './fleetStore';

/** The fleet folder as a store: files written whole and renamed into place (fleetFolder.ts). */
export function folderStore(folder: string): FleetStore {
  const path = (file: string) => {
    if (file.split('/').some((part) => part === '..' || part === '')) throw new Error(`"${file}" is not a fleet file`);
    return join(folder, ...file.split('/'));
  };
  return {
    kind: 'folder',
    read: (file) => readIfThere(path(file)),
    async stamp(file) {
      const s = await stat(path(file)).catch(() => null);
      return s ? `${s.ino}:${s.size}:${s.mtimeMs}` : '';
    },
    writtenAt: (file) => stat(path(file)).then((s) => s.mtimeMs, () => null),
    write: (file, bytes) => writeAtomically(path(file), bytes),
    remove: (file) => rm(path(file), { force: true }),
    list: (dir) => envelopesIn(path(dir)),
    watch: () => () => {},
    close: async () => {},
  };
}

/** The store a fleet module was given, or the folder's own: the folder alone is how a fleet starts. */
export const storeFor = (o: { folder: string; store?: FleetStore }): FleetStore => o.store ?? folderStore(o.folder);
