import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCache } from '../electron/core/db/open';
import { silentLogger } from '../electron/core/logger';
import { createKioskBoard } from '../electron/core/services/kioskBoard';
import { generateDemoSchool } from '../electron/core/demo/demoSchool';
import { writeSnapshot } from '../electron/core/sync/writer';
import { addDays, instantAt } from '@shared/timetable/zonedTime';
import { percentile } from './percentiles';
import type { Figure } from './report';

/*
 * The first now/next of a day: the kiosk board reads a day's lessons once, and every screen asks at midnight. The
 * board reads the next day ahead (kioskBoard.ts); here each school day of the large demo school is asked for at
 * 23:59 the evening before (as a screen's clock tick does), then at 00:00:01, and that first answer of the day is
 * timed. Beside it, the same question on a board that had no evening before (a day never read ahead).
 */
const ZONE = 'Europe/Amsterdam';
const START = '2026-11-23';
const DAYS = 60;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function firstOfDay(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gangbord-bench-firstday-'));
  try {
    const now = instantAt(START, '07:00', ZONE);
    const school = generateDemoSchool({ size: 'large', now, zone: ZONE, scope: 'kiosk' });
    const { db } = openCache({ file: join(dir, 'cache.db'), key: Buffer.alloc(32, 7), log: silentLogger });
    writeSnapshot(db, school, { scope: 'kiosk', source: 'demo', now });
    const days = [...new Set(school.lessons.map((l) => l.day))].sort().slice(0, DAYS);
    const prepared: number[] = [];
    const cold: number[] = [];
    const board = createKioskBoard(db, () => ZONE);
    for (const day of days) {
      board.nowNext(instantAt(addDays(day, -1), '23:59', ZONE));
      await pause(120); // the read-ahead runs in a macrotask of its own, long before midnight
      const at = instantAt(day, '00:00', ZONE) + 1_000;
      const t0 = process.hrtime.bigint();
      board.nowNext(at);
      prepared.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const fresh = createKioskBoard(db, () => ZONE);
      const t1 = process.hrtime.bigint();
      fresh.nowNext(at);
      cold.push(Number(process.hrtime.bigint() - t1) / 1e6);
    }
    db.close();
    prepared.sort((a, b) => a - b);
    cold.sort((a, b) => a - b);
    return [
      { name: `core: first now/next of a day, read ahead, p50 (${prepared.length} days, ${school.rooms.length} rooms)`, value: percentile(prepared, 50), unit: 'ms' },
      { name: 'core: first now/next of a day, read ahead, p99', value: percentile(prepared, 99), unit: 'ms', target: { op: '<', limit: 20 } },
      { name: 'core: the same without reading ahead, p99', value: percentile(cold, 99), unit: 'ms' },
      { name: 'core: read ahead / without, p99', value: percentile(prepared, 99) / percentile(cold, 99), unit: 'x' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
