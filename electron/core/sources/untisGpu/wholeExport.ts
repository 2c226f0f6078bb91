import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { SourceError } from '../source';
import { readStoredCursor } from '../common/storedCursor';
import type { GpuRaw } from './readExport';

/*
 * An Untis export is read only when it is whole (docs/upstream-formats.md, Untis). Untis writes the files one after
 * another, often onto a network share, and a sync may come in between: a file not yet written, or written empty.
 * Read then, the screens would lose every substitution (GPU014 missing) while the sync "succeeded".
 */

/** The cursor this connector keeps: which files the last good export had, with content. */
const GpuCursor = z.object({ files: z.array(z.string()) });

export const gpuCursor = (raw: GpuRaw): string => JSON.stringify({ files: raw.files.filter((f) => f.bytes.byteLength > 0).map((f) => f.kind).sort() });

/** Refuses an export that lacks a file the last good one had, or has it empty; names the file. */
export function checkAgainstLastGood(raw: GpuRaw, cursor: string | null): void {
  const last = readStoredCursor(GpuCursor, cursor);
  if (!last) return;
  for (const kind of last.files) {
    const file = raw.files.find((f) => f.kind === kind);
    const name = file?.name ?? (kind === 'time.txt' ? kind : `${kind}.TXT`);
    if (!file) throw new SourceError('UPSTREAM_INVALID', `${name} is missing from the Untis export in ${raw.folder}, though the last good export had it; the last good timetable is kept until the export is whole again.`);
    if (file.bytes.byteLength === 0) throw new SourceError('UPSTREAM_INVALID', `${name} in the Untis export in ${raw.folder} is empty, though the last good export had it with content; the last good timetable is kept until the export is whole again.`);
  }
}

/**
 * Waits until no export file has changed for `quietMs` (Untis may still be writing the next one), at most until
 * `deadline`; refuses when the folder keeps changing.
 */
export async function waitUntilQuiet(folder: string, names: readonly string[], quietMs: number, signal: AbortSignal, deadline: number): Promise<void> {
  if (quietMs <= 0) return;
  for (;;) {
    let newest = 0;
    for (const name of names) {
      const s = await stat(join(folder, name)).catch(() => null);
      if (s) newest = Math.max(newest, s.mtimeMs);
    }
    const quietFor = Date.now() - newest;
    if (quietFor >= quietMs) return;
    const wait = quietMs - quietFor + 50;
    if (Date.now() + wait > deadline) {
      throw new SourceError('UPSTREAM_INVALID', `The Untis export in ${folder} is still being written (it changed ${Math.round(quietFor / 1000)} s ago); the next sync reads it once it is whole.`);
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, wait);
      signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
    });
  }
}
