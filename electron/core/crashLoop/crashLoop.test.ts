import { describe, expect, it } from 'vitest';
import type { NowNextBoard } from '@shared/contract';
import { instantAt } from '@shared/timetable/zonedTime';
import { manualClock } from '../clock';
import { expectOk } from '../testing/staffSession';
import { startCore } from '../testing/startedCore';
import { useTempDirs } from '../testing/tempDir';
import { crashLoop } from './crashLoop';

const tempDir = useTempDirs();

describe('killed at random moments', () => {
  it('100 SIGKILLs while writing: the cache always holds one timetable whole, and no acknowledged audit entry is lost', async () => {
    const dir = tempDir();
    const report = await crashLoop({ dir, runs: 100 });
    expect(report.runs).toBe(100);
    expect(report.integrityFailures).toEqual([]);
    expect(report.lostAcknowledged).toBe(0);
    // And the kiosk starts on what the last kill left, and shows it.
    const clock = manualClock(instantAt('2026-11-24', '09:00', 'Europe/Amsterdam'));
    const { core } = await startCore(dir, { snapshot: null, key: report.key, clock });
    const board = await expectOk<NowNextBoard>(core.dispatch({ role: 'kiosk' }, 'kiosk.nowNext', {}));
    expect(board.rooms.filter((r) => r.now !== null).length).toBeGreaterThan(0);
    await core.stop();
  }, 600_000);
});
