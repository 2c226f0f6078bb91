import { connectionStep, failedStep } from '../common/connectionStep';
import { checkSnapshot } from '../source';
import type { SourceContext, ConnectionStep } from '../source';
import { decodeExport } from './decodeText';
import { readRows, SEPARATOR_NAMES } from './delimited';
import type { UntisGpuConfig } from './gpuSource';
import { parseExport, type GpuParsed, type ParseOptions } from './parseExport';
import { readExport, type GpuRaw, type ReadLimits } from './readExport';
import { gpuWindow } from './schoolWeeks';
import { GPU_SCHOOL_NAME, gpuSnapshot } from './toSnapshot';

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** Each file on its own: lines, separator, encoding; or what is wrong with it. */
function fileSteps(raw: GpuRaw, options: ParseOptions): ConnectionStep[] {
  return raw.files.map((file) => {
    try {
      const { text, encoding } = decodeExport(file.bytes, options.encoding, file.name);
      if (file.kind === 'time.txt') return connectionStep('file', true, `time grid, ${encoding}`, file.name);
      const { rows, separator } = readRows(file.name, text, options.separator);
      return connectionStep('file', true, `${plural(rows.length, 'line')}, separator ${SEPARATOR_NAMES[separator]}, ${encoding}`, file.name);
    } catch (error) {
      return failedStep('file', error, file.name);
    }
  });
}

function gridStep(parsed: GpuParsed): ConnectionStep {
  const p = parsed.grid.periods;
  const span = p.length > 0 ? `, ${p[0]!.start}–${p[p.length - 1]!.end}` : '';
  const from = parsed.grid.source === 'time.txt' ? 'from time.txt' : parsed.grid.source === 'settings' ? 'from the settings' : 'the default Dutch grid (the export has no time.txt)';
  return connectionStep('periodTimes', true, `${plural(p.length, 'period')}${span}, ${from}.`);
}

/**
 * "Test connection" for an Untis export: the folder, each file (lines, separator, encoding), the period times,
 * then the timetable they make, checked as a sync would check it. Writes nothing.
 */
export async function gpuTestSteps(config: UntisGpuConfig, ctx: SourceContext, limits: ReadLimits, options: ParseOptions): Promise<ConnectionStep[]> {
  const steps: ConnectionStep[] = [];
  let raw: GpuRaw;
  try {
    raw = await readExport(config.folder, ctx.signal, limits);
    steps.push(connectionStep('exportFolder', true, `${config.folder}: ${raw.files.map((f) => f.name).join(', ')}.`));
  } catch (error) {
    steps.push(failedStep('exportFolder', error));
    return steps;
  }
  const files = fileSteps(raw, options);
  steps.push(...files);
  if (files.some((f) => !f.ok)) return steps;

  try {
    const parsed = parseExport(raw, options);
    steps.push(gridStep(parsed));
    const window = gpuWindow(ctx.now, ctx.zone, config.weeks, config.validFrom);
    const { snapshot, stats } = gpuSnapshot(parsed, { window, zone: ctx.zone, scope: ctx.scope, schoolName: GPU_SCHOOL_NAME });
    checkSnapshot(snapshot);
    const s = stats.substitutions;
    const notes = [
      `${plural(s.applied, 'substitution')} applied`,
      s.added > 0 ? `${plural(s.added, 'lesson')} added or moved here` : '',
      stats.offGrid > 0 ? `${plural(stats.offGrid, 'lesson')} in periods without times left out` : '',
      parsed.holidays.length > 0 ? `${plural(parsed.holidays.length, 'holiday')}` : '',
    ].filter(Boolean);
    steps.push(connectionStep('timetable', true,
      `${plural(snapshot.lessons.length, 'lesson')} in ${plural(snapshot.rooms.length, 'room')} from ${window.from} to ${window.to}; ${notes.join('; ')}.`));
  } catch (error) {
    steps.push(failedStep('timetable', error));
  }
  return steps;
}
