import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SourceError } from '../source';
import { waitUntilQuiet } from './wholeExport';

/*
 * The "upstream" of this connector is a folder Untis exports into (often a network share). What is read: the
 * timetable and its reference files, substitutions, holidays and an Info-Stundenplan time grid. GPU010 (pupils)
 * and the other personal files are never opened, whatever the machine's scope: the name filter below admits
 * only these.
 */
export const GPU_FILES = ['GPU001', 'GPU002', 'GPU003', 'GPU004', 'GPU005', 'GPU006', 'GPU014', 'GPU018', 'time.txt'] as const;
export type GpuFileKind = (typeof GPU_FILES)[number];

export interface GpuRawFile {
  kind: GpuFileKind;
  /** The name as found in the folder (GPU001.TXT, gpu001.txt ...). */
  name: string;
  bytes: Uint8Array;
}

export interface GpuRaw {
  folder: string;
  files: GpuRawFile[];
}

export interface ReadLimits {
  timeoutMs: number;
  maxBytes: number;
  /** The files are read only once none has changed for this long (wholeExport.ts); 0 reads at once. */
  quietMs?: number;
}

function kindOf(fileName: string): GpuFileKind | null {
  if (/^time\.txt$/i.test(fileName)) return 'time.txt';
  const m = /^GPU(\d{3})\.TXT$/i.exec(fileName);
  if (!m) return null;
  const kind = `GPU${m[1]}`;
  return (GPU_FILES as readonly string[]).includes(kind) ? (kind as GpuFileKind) : null;
}

function folderError(folder: string, error: unknown): SourceError {
  const code = (error as { code?: unknown }).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return new SourceError('UPSTREAM_AUTH', `The Untis export folder ${folder} may not be read by Gangbord (access denied); check the share's permissions.`);
  }
  if (code === 'ENOTDIR') return new SourceError('UPSTREAM_HTTP', `The Untis export path ${folder} is a file, not a folder; check the source settings.`);
  if (code === 'ENOENT') {
    return new SourceError('UPSTREAM_HTTP', `The Untis export folder ${folder} is not there (a network share not connected, or a wrong path); the cached timetable was kept.`);
  }
  return new SourceError('UPSTREAM_HTTP', `The Untis export folder ${folder} could not be read (${typeof code === 'string' ? code : 'unknown error'}).`);
}

/**
 * Reads the export's files. Untis writes them one after another, so a sync may catch it half-way: a file whose
 * size or modification time changes while it is read is refused (the next run finds the export complete).
 */
export async function readExport(folder: string, signal: AbortSignal, limits: ReadLimits): Promise<GpuRaw> {
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  const both = AbortSignal.any([signal, deadline]);
  const stopped = (error: unknown): unknown => {
    if (signal.aborted) return signal.reason ?? error;
    if (deadline.aborted) return new SourceError('UPSTREAM_TIMEOUT', `Reading the Untis export in ${folder} took longer than ${Math.round(limits.timeoutMs / 1000)} s (a slow network share?).`);
    return null;
  };

  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    throw stopped(error) ?? folderError(folder, error);
  }
  const chosen = new Map<GpuFileKind, string>();
  for (const name of names.sort()) {
    const kind = kindOf(name);
    if (kind && !chosen.has(kind)) chosen.set(kind, name);
  }
  if (!chosen.has('GPU001')) {
    throw new SourceError('UPSTREAM_EMPTY', `The Untis export folder ${folder} holds no GPU001.TXT (the timetable); export "Stundenplan" from Untis into it.`);
  }

  await waitUntilQuiet(folder, [...chosen.values()], limits.quietMs ?? 0, both, Date.now() + limits.timeoutMs).catch((error: unknown) => {
    throw stopped(error) ?? error;
  });
  const files: GpuRawFile[] = [];
  for (const [kind, name] of chosen) {
    const path = join(folder, name);
    try {
      const before = await stat(path);
      if (!before.isFile()) continue;
      if (before.size > limits.maxBytes) {
        throw new SourceError('UPSTREAM_INVALID', `${name} is larger than ${Math.round(limits.maxBytes / 1_048_576)} MB, which is not a timetable export.`);
      }
      const bytes = await readFile(path, { signal: both });
      const after = await stat(path);
      if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || bytes.byteLength !== before.size) {
        throw new SourceError('UPSTREAM_INVALID', `${name} changed while Gangbord read it (Untis is probably still exporting); the next sync will read it whole.`);
      }
      files.push({ kind, name, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    } catch (error) {
      if (error instanceof SourceError) throw error;
      const code = (error as { code?: unknown }).code;
      if (code === 'ENOENT') throw new SourceError('UPSTREAM_INVALID', `${name} disappeared while Gangbord read the export (Untis is probably still exporting); the next sync will read it.`);
      throw stopped(error) ?? folderError(`${folder} (${name})`, error);
    }
  }
  return { folder, files };
}
