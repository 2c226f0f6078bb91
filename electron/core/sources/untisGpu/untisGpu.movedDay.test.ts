import { describe, expect, it } from 'vitest';
import { UntisGpuSourceConfig } from '@shared/settings';
import { instantAt } from '@shared/timetable/zonedTime';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import { syncOnce } from '../../sync/syncOnce';
import { expectShownOnBothDays } from '../../sync/testing/movedToAnotherDay';
import { createUntisGpuSource } from './gpuSource';
import { exportFolder } from './testing/gpuExports';

// The project's own export (generated school + svws-extra GPU014): lesson 153 (PA-LK1, Q1, 3.08) moves from
// Wednesday 6 February 2019, 2nd hour (a line with bit 3, "F") to Thursday 7 February, 5th hour (bit 7, "T").
const ZONE = 'Europe/Amsterdam';
const tempDir = useTempDirs();
const at = (date: string, time: string) => instantAt(date, time, ZONE);

describe('Untis GPU: a lesson moved to another day (GPU014 Wegverlegung and Hinverlegung)', () => {
  it('shows on both days: the old slot says where it went, the new one where it came from', async () => {
    const folder = exportFolder(tempDir(), { school: true, fixtures: 'svws-extra' });
    const db = openTestCache(tempDir());
    const source = createUntisGpuSource(UntisGpuSourceConfig.parse({ type: 'untis-gpu', folder }));
    await syncOnce({ db, source, scope: 'kiosk', now: at('2019-02-05', '08:00'), zone: ZONE, signal: new AbortController().signal, progress: () => {} });
    const slot = (day: string, period: number) => db.prepare("SELECT start_ms, end_ms FROM lessons WHERE day = ? AND period_from = ? AND subjects = 'PA-LK1'").get(day, period) as { start_ms: number; end_ms: number } | undefined;
    const left = slot('2019-02-06', 2);
    const arrived = slot('2019-02-07', 5);
    expect(left, 'the old slot is kept').toBeDefined();
    expect(arrived, 'the new slot is there').toBeDefined();
    expectShownOnBothDays(db, {
      zone: ZONE, group: 'Q1',
      left: { at: left!.start_ms + 60_000, room: '3.08' },
      arrived: { at: arrived!.start_ms + 60_000, start: arrived!.start_ms, room: '3.08', periodFrom: 5 },
    });
  });
});
