import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crashLoop } from '../electron/core/crashLoop/crashLoop';
import { percentile } from './percentiles';
import type { Figure } from './report';

const RUNS = 500;

/** `npm run bench -- crash`: the crash loop of npm test, five times as long (docs/trust-proofs.md). */
export async function crashBench(): Promise<{ title: string; figures: Figure[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'gangbord-crash-'));
  try {
    const report = await crashLoop({ dir, runs: RUNS, seed: Date.now() });
    for (const failure of report.integrityFailures) console.log(`  ${failure}`);
    const recovery = [...report.recoveryMs].sort((a, b) => a - b);
    return {
      title: `Crash loop: ${report.runs} SIGKILLs at random moments, half while writing timetables, half while auditing`,
      figures: [
        { name: 'runs', value: report.runs, unit: 'kills' },
        { name: 'integrity failures (damaged file, or neither timetable whole)', value: report.integrityFailures.length, unit: 'runs', target: { op: '<=', limit: 0 } },
        { name: 'acknowledged audit entries lost', value: report.lostAcknowledged, unit: 'entries', target: { op: '<=', limit: 0 } },
        { name: 'time to open and check after a kill, p50', value: percentile(recovery, 50), unit: 'ms' },
        { name: 'time to open and check after a kill, p99', value: percentile(recovery, 99), unit: 'ms' },
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
