import { constants, type Dirent } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { formatBytes, type PhotoLimits } from './limits';
import type { OpenedSource, ReadResult, SourceFile } from './source';
import { refusal } from './refusal';

// O_NOFOLLOW: a file swapped for a link between listing and opening is refused by the kernel, not followed.
// O_NONBLOCK: a pipe swapped in cannot hang the import. Both are 0 where the platform lacks them (Windows).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

async function readRegularFile(path: string, maxBytes: number): Promise<ReadResult> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { ok: false, reason: refusal('link', 'The file became a link while importing; links are never followed: refused.') };
    return { ok: false, reason: refusal('unreadable', `The file could not be read (${code ?? (error as Error).message}).`) };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, reason: refusal('notAFile', 'This is not an ordinary file: refused.') };
    if (info.size > maxBytes) return { ok: false, reason: refusal('tooLarge', `The file is ${formatBytes(info.size)}, more than the ${formatBytes(maxBytes)} allowed per photo: not read.`) };
    // Read at most one byte past the limit: a file that grows while we read cannot make us read more.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(info.size, 1)));
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) return { ok: false, reason: refusal('tooLarge', `The file is larger than the ${formatBytes(maxBytes)} allowed per photo: not read.`) };
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { ok: false, reason: refusal('unreadable', `The file could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`) };
  } finally {
    await handle.close();
  }
}

function fileOf(dir: string, entry: Dirent, name: string, maxBytes: number): SourceFile {
  // Dirent types are lstat's: a link is seen as a link, never as what it points to.
  const refused = entry.isSymbolicLink() ? refusal('link', 'This is a link (shortcut); links are never followed: refused.')
    : entry.isFile() ? null : refusal('notAFile', 'This is not an ordinary file (a device, pipe or socket): refused.');
  return { name, refusal: refused, read: () => readRegularFile(join(dir, entry.name), maxBytes) };
}

/**
 * A folder as an import source: its files and those of its direct subfolders (one folder per class is a common
 * layout); deeper folders are not read. Links are never followed, and files are read into memory only.
 */
export async function openFolderSource(path: string, limits: Pick<PhotoLimits, 'maxFiles' | 'maxFileBytes'>): Promise<OpenedSource> {
  const files: SourceFile[] = [];
  let top: Dirent[];
  try {
    top = (await readdir(path, { withFileTypes: true })).sort(byName);
  } catch (error) {
    return { ok: false, reason: refusal('unreadable', `The folder could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`) };
  }
  for (const entry of top) {
    if (files.length > limits.maxFiles) break;
    if (!entry.isDirectory()) {
      files.push(fileOf(path, entry, entry.name, limits.maxFileBytes));
      continue;
    }
    const sub = join(path, entry.name);
    try {
      for (const inner of (await readdir(sub, { withFileTypes: true })).sort(byName)) {
        if (!inner.isDirectory()) files.push(fileOf(sub, inner, `${entry.name}/${inner.name}`, limits.maxFileBytes));
      }
    } catch (error) {
      const reason = refusal('unreadable', `This folder could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
      files.push({ name: `${entry.name}/`, refusal: reason, read: async () => ({ ok: false, reason }) });
    }
  }
  if (files.length > limits.maxFiles) {
    return { ok: false, reason: refusal('tooManyFiles', `The folder holds more than ${limits.maxFiles} files, more than a photo export could have: nothing was read.`) };
  }
  return { ok: true, files, close: async () => undefined };
}
