import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { instantAt, addDays } from '@shared/timetable/zonedTime';
import { joinCodes } from '../electron/core/db/codes';
import { migrate } from '../electron/core/db/migrate';
import { openCache } from '../electron/core/db/open';
import { silentLogger } from '../electron/core/logger';
import { createKioskBoard } from '../electron/core/services/kioskBoard';
import { generateDemoSchool } from '../electron/core/demo/demoSchool';
import type { Snapshot } from '../electron/core/sync/snapshot';
import { createSyncWorkerHost } from '../electron/core/sync/worker/host';
import { percentile, timeEach } from './percentiles';
import type { Figure } from './report';
import { watchEventLoop } from './stallMonitor';

const ZONE = 'Europe/Amsterdam';

/** The rows a sync writes, inserted the plainest way better-sqlite3 allows: the yardstick for the real sync. */
function bareInsert(file: string, s: Snapshot): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db, file);
  const t0 = performance.now();
  db.transaction(() => {
    const room = db.prepare('INSERT INTO rooms VALUES (?, ?, ?, ?, ?, ?)');
    for (const r of s.rooms) room.run(r.code, r.name, r.building, r.floor, r.kind, r.capacity);
    const teacher = db.prepare('INSERT INTO teachers VALUES (?, ?, ?, ?)');
    for (const t of s.teachers) teacher.run(t.code, t.name?.firstName ?? null, t.name?.prefix ?? null, t.name?.lastName ?? null);
    const group = db.prepare('INSERT INTO groups VALUES (?, ?, ?, ?)');
    for (const g of s.groups) group.run(g.code, g.name, g.kind, g.year);
    const pupil = db.prepare('INSERT INTO pupils (number, first_name, prefix, last_name, photo_consent) VALUES (?, ?, ?, ?, ?)');
    const member = db.prepare('INSERT OR IGNORE INTO group_members VALUES (?, ?)');
    for (const p of s.pupils) {
      const id = pupil.run(p.number, p.firstName, p.prefix, p.lastName, p.photoConsent ? 1 : 0).lastInsertRowid;
      for (const g of p.groups) member.run(g, id);
    }
    const lesson = db.prepare('INSERT INTO lessons VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const lessonRoom = db.prepare('INSERT OR IGNORE INTO lesson_rooms VALUES (?, ?, ?, ?, ?)');
    for (const l of s.lessons) {
      const c = l.change;
      const id = lesson.run(l.id, l.start, l.end, l.day, l.periodFrom, l.periodTo, l.kind, joinCodes(l.subjects), joinCodes(l.groups),
        joinCodes(l.teachers), joinCodes(l.rooms), c.cancelled ? 1 : 0, c.added ? 1 : 0, joinCodes(c.previousRooms),
        joinCodes(c.previousTeachers), c.previousStart, c.description, l.remark).lastInsertRowid;
      for (const r of l.rooms) lessonRoom.run(r, l.start, l.end, id, 1);
      for (const r of c.previousRooms) if (!l.rooms.includes(r)) lessonRoom.run(r, l.start, l.end, id, 0);
    }
  })();
  const ms = performance.now() - t0;
  db.close();
  return ms;
}

export async function syncBench(root: string): Promise<{ title: string; figures: Figure[] }> {
  const worker = join(root, 'out', 'main', 'syncWorker.js');
  if (!existsSync(worker)) throw new Error('out/main/syncWorker.js is missing: run "npm run build" first');
  const now = instantAt(addDays('2026-11-23', 1), '09:00', ZONE);
  const dir = mkdtempSync(join(tmpdir(), 'gangbord-bench-'));
  try {
    const key = Buffer.alloc(32, 7);
    const dbFile = join(dir, 'cache.db');
    // As in the app: the core holds its own connection to the cache while the worker syncs.
    const { db } = openCache({ file: dbFile, key, log: silentLogger });

    // The real sync, as the core runs it: in its worker thread (started, with its connection open, when the app
    // starts), which generates the largest demo school and writes it, encrypted, in one transaction.
    const host = createSyncWorkerHost({ script: { kind: 'js', file: worker }, dbFile, key, log: silentLogger });
    const w0 = performance.now();
    const warm = await host.warmUp();
    const warmUpMs = performance.now() - w0;
    if (!warm.ok) throw new Error('the sync worker could not open the cache');
    const loop = watchEventLoop();
    const t0 = performance.now();
    const outcome = await host.run({ source: { type: 'demo', size: 'large' }, scope: 'staff', now, zone: ZONE, secrets: {} });
    const syncMs = performance.now() - t0;
    const stall = loop.stop();
    await host.close();
    if (!outcome.ok) throw new Error(`the benchmark sync failed: ${outcome.code} ${outcome.message}`);

    // The yardstick: the same rows, generated beforehand, into a plain unencrypted file.
    const school = generateDemoSchool({ size: 'large', now, zone: ZONE, scope: 'staff' });
    const bareMs = bareInsert(join(dir, 'plain.db'), school);

    // The kiosk's now/next over every room as a kiosk asks it: its clock running through school days, a question
    // every 5 s (the first of each day reads that day's lessons from the cache). And the first question of a day alone.
    const days = [...new Set(school.lessons.map((l) => l.day))].sort();
    const kioskDays = days.filter((_, i) => i % Math.ceil(days.length / 5) === 0);
    const instants = kioskDays.flatMap((day) => Array.from({ length: 6120 }, (_, i) => instantAt(day, '08:00', ZONE) + i * 5000));
    const board = createKioskBoard(db, () => ZONE);
    const rooms = board.nowNext(instants[0]!).rooms.length;
    const nowNext = timeEach(instants.length, 0, (i) => board.nowNext(instants[i]!));
    const firstOfDay = timeEach(days.length, 0, (i) => {
      board.invalidate();
      board.nowNext(instantAt(days[i]!, '08:15', ZONE));
    });
    db.close();

    return {
      title: `Sync of the largest demo school (${school.pupils.length} pupils, ${school.teachers.length} staff, ${school.rooms.length} rooms, ${school.lessons.length} lessons over ${days.length} school days)`,
      figures: [
        { name: 'starting the sync worker and opening its connection (once, at app start)', value: warmUpMs, unit: 'ms' },
        { name: 'full sync into the encrypted cache (worker, end to end)', value: syncMs, unit: 'ms' },
        { name: '  of which generating the school', value: outcome.timings.fetchMs + outcome.timings.normaliseMs, unit: 'ms' },
        { name: '  of which the encrypted write (one transaction)', value: outcome.timings.writeMs, unit: 'ms' },
        { name: 'bare better-sqlite3 insert of the same rows, plain file', value: bareMs, unit: 'ms' },
        { name: 'full sync / bare insert', value: syncMs / bareMs, unit: 'x', target: { op: '<=', limit: 1.5 } },
        { name: 'longest event-loop stall of the host during the sync', value: stall.maxStallMs, unit: 'ms', target: { op: '<', limit: 50 } },
        { name: `now/next over all ${rooms} rooms, every 5 s of ${kioskDays.length} school days, p50`, value: percentile(nowNext, 50), unit: 'ms' },
        { name: `now/next over all ${rooms} rooms, every 5 s of ${kioskDays.length} school days, p99`, value: percentile(nowNext, 99), unit: 'ms', target: { op: '<', limit: 1 } },
        { name: `  the first question of a day (reads the day), p50 over ${days.length} days`, value: percentile(firstOfDay, 50), unit: 'ms' },
        { name: '  the first question of a day, p99', value: percentile(firstOfDay, 99), unit: 'ms' },
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
