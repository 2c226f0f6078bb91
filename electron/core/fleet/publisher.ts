import type { Logger } from '../logger';
import type { Snapshot } from '../sync/snapshot';
import { type BundleBody, deltaBetween, sealBundle } from './bundle';
import { type LessonBase, lessonBase } from './compare/lessonChanges';
import { jsonEqual } from './compare/jsonEqual';
import type { FleetKeyPair } from './keys';
import { createSequence } from './sequence';
import { fleetFile, type FleetStore } from './store/fleetStore';
import { storeFor } from './store/folderStore';

/*
 * The publisher (docs/fleet.md): the one machine of a school that holds upstream credentials. After each of its
 * syncs it writes what every screen shows into the fleet folder: a full bundle, or, when only lessons changed since
 * the last full one and not too many, a delta on top of it. Screens that missed a delta still get every change,
 * since each delta holds all changes since its full bundle.
 */

/** A delta holding more than this share of the lessons is no saving: a full bundle is written instead. */
const DELTA_SHARE_MAX = 0.25;
/** A full bundle at least this often, so a new screen never starts from an old one plus a long delta. */
const FULL_EVERY_MS = 24 * 3_600_000;

export interface PublisherOptions {
  folder: string;
  /** Where the bundles go: the folder's own store unless the fleet has a broker too (store/). */
  store?: FleetStore;
  school: string;
  key: FleetKeyPair;
  now: () => number;
  log: Logger;
}

export type Published = { kind: 'full' | 'delta'; seq: number; bytes: number } | { kind: 'unchanged' };

export function createPublisher(options: PublisherOptions) {
  const store = storeFor(options);
  const nextSeq = createSequence(store, [fleetFile.bundle, fleetFile.delta], options.key, options.now);
  let full: { seq: number; at: number; snapshot: Snapshot; lessons: LessonBase } | null = null;
  /** The delta last written since the full bundle, or null when none was: the same again is "unchanged". */
  let publishedDelta: BundleBody | null = null;

  /** Publishes the kiosk picture of one sync (kiosk scope: no pupils, teachers by code). */
  async function publish(snapshot: Snapshot): Promise<Published> {
    const now = options.now();
    if (full !== null && now - full.at < FULL_EVERY_MS) {
      const delta = deltaBetween(full.snapshot, snapshot, full.seq, full.lessons);
      if (delta?.kind === 'delta') {
        const changed = delta.upsertLessons.length + delta.removeLessonIds.length;
        if (publishedDelta === null ? changed === 0 : jsonEqual(delta, publishedDelta)) return { kind: 'unchanged' };
        if (changed <= DELTA_SHARE_MAX * Math.max(1, snapshot.lessons.length)) {
          const seq = await nextSeq();
          const bytes = sealBundle(delta, { school: options.school, seq, now }, options.key);
          await store.write(fleetFile.delta, bytes);
          publishedDelta = delta;
          options.log.info('fleet.published', { kind: 'delta', seq, base: full.seq, changed, bytes: bytes.length });
          return { kind: 'delta', seq, bytes: bytes.length };
        }
      }
    }
    const seq = await nextSeq();
    const bytes = sealBundle(snapshot, { school: options.school, seq, now }, options.key);
    await store.write(fleetFile.bundle, bytes);
    full = { seq, at: now, snapshot, lessons: lessonBase(snapshot.lessons) };
    publishedDelta = null;
    options.log.info('fleet.published', { kind: 'full', seq, rooms: snapshot.rooms.length, lessons: snapshot.lessons.length, bytes: bytes.length });
    return { kind: 'full', seq, bytes: bytes.length };
  }

  return { publish };
}
