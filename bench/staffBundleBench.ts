import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { addDays, instantAt } from '@shared/timetable/zonedTime';
import { openCache } from '../electron/core/db/open';
import { demoPortraits, generateDemoSchool } from '../electron/core/demo';
import { fleetPaths } from '../electron/core/fleet/fleetFolder';
import { newKeyPair } from '../electron/core/fleet/keys';
import { newStaffPcKeyPair } from '../electron/core/fleet/staffBundle/sealed';
import { openStaffBundle, staffTrust } from '../electron/core/fleet/staffBundle/staffBundle';
import { createStaffPublisher } from '../electron/core/fleet/staffBundle/staffPublisher';
import { silentLogger } from '../electron/core/logger';
import type { PhotoRecord, Snapshot } from '../electron/core/sync/snapshot';
import { checkpointAfterSync, tuneSyncConnection } from '../electron/core/sync/worker/syncConnection';
import { writeDelta, writeSnapshot } from '../electron/core/sync/writer';
import type { Figure } from './report';

/*
 * The staff bundle of the largest demo school (3,000 pupils, a photo each, 40 weeks of timetable): what the publisher
 * takes to build and seal it, its size, and what a staff PC takes to verify, open and write it into a real encrypted
 * cache on the sync worker's connection; in full, and after 1% of it changed (lessons, pupils, photos). Each figure is
 * the median of RUNS in this one process, after a first run that warms V8 and SQLite.
 */

const SCHOOL = 'bench-college';
const ZONE = 'Europe/Amsterdam';
const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/*
 * A full collection before each timed step. Making the next round's fresh school (a million objects, as a fetch makes)
 * leaves garbage that V8 collected inside whichever step came next: measured that way, the same delta's build took
 * 45 ms in one run and 114 ms in the next on this machine. The fetch's garbage is the fetch's cost, not the bundle's.
 */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/**
 * 1% of the school changed (lessons cancelled, pupils renamed, photos retaken), as new objects throughout: the
 * publisher fetches the whole school again every round, so nothing it compares is the same object as last time.
 */
function onePercentChanged(school: Snapshot, photos: PhotoRecord[], round: number) {
  const every = 100;
  const fresh = structuredClone(school);
  fresh.lessons.forEach((l, i) => {
    if (i % every === round) l.change.cancelled = !l.change.cancelled;
  });
  fresh.pupils.forEach((p, i) => {
    if (i % every === round) p.lastName = `${p.lastName}-${round}`;
  });
  const retake = (bytes: Uint8Array) => Buffer.concat([Buffer.from(bytes), Buffer.from([round])]);
  const retaken = photos.map((p, i) => ({ ...p, bytes: i % every === round ? retake(p.bytes) : Buffer.from(p.bytes) }));
  return { school: fresh, photos: retaken };
}

export async function staffBundleBench(): Promise<{ title: string; figures: Figure[] }> {
  const now = instantAt(addDays('2026-11-23', 1), '07:00', ZONE);
  const school = generateDemoSchool({ size: 'large', scope: 'staff', now, zone: ZONE });
  const photos = demoPortraits(school.pupils);
  const folder = mkdtempSync(join(tmpdir(), 'gangbord-staff-bundle-'));
  try {
    const key = newKeyPair();
    const pcs = Array.from({ length: 12 }, (_, i) => ({ id: `pc-${String(i).padStart(10, '0')}`, ...newStaffPcKeyPair() }));
    const reader = pcs[0]!;
    const trust = staffTrust(SCHOOL, key.publicKey);
    const paths = fleetPaths(folder);
    const open = (file: string, at: number) => {
      const opened = openStaffBundle(readFileSync(file), { trust, now: at, id: reader.id, privateKey: reader.privateKey });
      if (!opened.ok) throw new Error(`the bench bundle was refused: ${opened.detail}`);
      return opened.payload;
    };
    const ctx = { scope: 'staff' as const, source: 'fleet', now };
    const full = { build: [] as number[], apply: [] as number[], bytes: 0 };
    const delta = { build: [] as number[], apply: [] as number[], bytes: 0, lessons: 0, pupils: 0, photos: 0 };
    for (let run = 0; run <= RUNS; run++) {
      let clock = now + run * 3_600_000;
      const publisher = createStaffPublisher({ folder, school: SCHOOL, key, now: () => clock, log: silentLogger });
      const { db } = openCache({ file: join(folder, `pc-${run}.db`), key: randomBytes(32), log: silentLogger });
      // The staff PC writes in its sync worker, on that worker's connection, and checkpoints after reporting.
      tuneSyncConnection(db);
      try {
        collect();
        let t0 = performance.now();
        const published = await publisher.publish(school, photos, pcs);
        const buildFull = performance.now() - t0;
        if (published.kind !== 'full') throw new Error(`expected a full bundle, got ${published.kind}`);
        collect();
        t0 = performance.now();
        writeSnapshot(db, open(paths.staffBundle, clock) as Snapshot, ctx);
        const applyFull = performance.now() - t0;
        checkpointAfterSync(db);

        clock += 60_000;
        const changed = onePercentChanged(school, photos, run + 1);
        collect();
        t0 = performance.now();
        const second = await publisher.publish(changed.school, changed.photos, pcs);
        const buildDelta = performance.now() - t0;
        if (second.kind !== 'delta') throw new Error(`expected a delta, got ${second.kind}`);
        collect();
        t0 = performance.now();
        const payload = open(paths.staffDelta, clock);
        if (payload.kind !== 'delta') throw new Error('the delta file holds no delta');
        writeDelta(db, payload, ctx);
        const applyDelta = performance.now() - t0;
        checkpointAfterSync(db);
        if (run === 0) continue; // warms V8, the statements and the page cache
        full.build.push(buildFull);
        full.apply.push(applyFull);
        full.bytes = published.bytes;
        delta.build.push(buildDelta);
        delta.apply.push(applyDelta);
        delta.bytes = second.bytes;
        delta.lessons = payload.upsertLessons.length;
        delta.pupils = payload.pupils?.upsert.length ?? 0;
        delta.photos = payload.photos.upsert.length;
      } finally {
        db.close();
      }
    }
    const ratio = (a: number, b: number) => (100 * a) / b;
    return {
      title: `Staff bundle of the largest demo school (${school.pupils.length} pupils, ${photos.length} photos, ${school.lessons.length} lessons), sealed for ${pcs.length} staff PCs; median of ${RUNS} runs`,
      figures: [
        { name: 'full: size', value: full.bytes / 1024 / 1024, unit: 'MB' },
        { name: 'full: build and seal (publisher)', value: median(full.build), unit: 'ms' },
        { name: 'full: verify, open and write (staff PC)', value: median(full.apply), unit: 'ms' },
        { name: `1% delta (${delta.lessons} lessons, ${delta.pupils} pupils, ${delta.photos} photos): size`, value: delta.bytes / 1024, unit: 'kB' },
        { name: '1% delta: build and seal (publisher)', value: median(delta.build), unit: 'ms' },
        { name: '1% delta: verify, open and write (staff PC)', value: median(delta.apply), unit: 'ms' },
        { name: 'delta / full: bytes', value: ratio(delta.bytes, full.bytes), unit: '%', target: { op: '<', limit: 5 } },
        { name: 'delta / full: build time', value: ratio(median(delta.build), median(full.build)), unit: '%', target: { op: '<', limit: 5 } },
        { name: 'delta / full: apply time', value: ratio(median(delta.apply), median(full.apply)), unit: '%', target: { op: '<', limit: 5 } },
      ],
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
