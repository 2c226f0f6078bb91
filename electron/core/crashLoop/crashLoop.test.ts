import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tempDir';
import { crashLoop } from './crashLoop';

const tempDir = useTempDirs();

describe('killed at random moments', () => {
  it('100 SIGKILLs while writing: the cache always holds one timetable whole, and no acknowledged audit entry is lost', async () => {
    const report = await crashLoop({ dir: tempDir(), runs: 100 });
    expect(report.runs).toBe(100);
    expect(report.integrityFailures).toEqual([]);
    expect(report.lostAcknowledged).toBe(0);
  }, 600_000);
});
