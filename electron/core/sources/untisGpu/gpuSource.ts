import type { z } from 'zod';
import type { Period } from '@shared/domain';
import type { UntisGpuSourceConfig } from '@shared/settings';
import type { Snapshot, Source, SourceContext } from '../source';
import type { Separator } from './delimited';
import { parseExport, type GpuParsed, type ParseOptions } from './parseExport';
import { defaultGrid, gridFromPeriods } from './periodGrid';
import { type GpuRaw, readExport, type ReadLimits } from './readExport';
import { gpuWindow } from './schoolWeeks';
import { gpuTestSteps } from './connectionSteps';
import { checkAgainstLastGood, gpuCursor } from './wholeExport';
import { GPU_SCHOOL_NAME, gpuSnapshot } from './toSnapshot';

export type UntisGpuConfig = z.infer<typeof UntisGpuSourceConfig>;

export interface UntisGpuSourceOptions {
  /** Forces the field separator; by default it is detected per file. (Not in the settings yet.) */
  separator?: Separator;
  /** For reading the whole export. Default 60 s (network shares can be slow). */
  timeoutMs?: number;
  /** Per file. Default 50 MB. */
  maxBytes?: number;
  /** The export is read once no file changed for this long. Default 5 s (Untis writes the files one by one). */
  quietMs?: number;
  /** The bell schedule when the export has no time.txt; default: the Dutch grid in periodGrid.ts. (Not in the settings yet.) */
  periods?: Period[];
}

/**
 * Untis GPU/DIF export files from a folder: the weekly timetable (GPU001) laid onto the dates of the sync
 * window, bounded by the lessons' validity (GPU002) and the holidays (GPU018), named by the reference files
 * (GPU003-006) and changed by the substitutions (GPU014) on their dates.
 */
export function createUntisGpuSource(config: UntisGpuConfig, options: UntisGpuSourceOptions = {}): Source<GpuParsed> {
  const limits: ReadLimits = { timeoutMs: options.timeoutMs ?? 60_000, maxBytes: options.maxBytes ?? 50 * 1_048_576, quietMs: options.quietMs ?? 5_000 };
  // This sync's export: its file set is checked against the last good one's and kept as the cursor (wholeExport.ts).
  let read: GpuRaw | null = null;
  const parseOptions: ParseOptions = {
    encoding: config.encoding,
    separator: options.separator ?? null,
    fallbackGrid: options.periods ? gridFromPeriods(options.periods, 'settings') : defaultGrid(),
  };
  return {
    id: config.type,
    async fetch(ctx: SourceContext): Promise<unknown> {
      ctx.progress('reading export', 0, 1);
      const raw = await readExport(config.folder, ctx.signal, limits);
      read = raw;
      ctx.progress('reading export', 1, 1);
      return raw;
    },
    validate(raw: unknown): GpuParsed {
      return parseExport(raw, parseOptions);
    },
    normalise(parsed: GpuParsed, ctx: SourceContext): Snapshot {
      const window = gpuWindow(ctx.now, ctx.zone, config.weeks, config.validFrom);
      // After the files' own checks, so a damaged file is named for what is wrong with it.
      if (read) checkAgainstLastGood(read, ctx.cursor);
      const snapshot = gpuSnapshot(parsed, { window, zone: ctx.zone, scope: ctx.scope, schoolName: GPU_SCHOOL_NAME }).snapshot;
      return { ...snapshot, cursor: read ? gpuCursor(read) : null };
    },
    test: (ctx) => gpuTestSteps(config, ctx, limits, parseOptions),
  };
}
