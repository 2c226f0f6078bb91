import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Logger } from '../../logger';
import type { PhotoRecord, Snapshot } from '../../sync/snapshot';
import { deltaBetween } from '../bundle';
import { fleetPaths, writeAtomically } from '../fleetFolder';
import type { FleetKeyPair } from '../keys';
import { createSequence } from '../sequence';
import { fullBody, photoEntry, type Recipient, sealStaffBundle, type StaffBundleBody } from './staffBundle';
import { x25519Text } from './sealed';

/*
 * The publisher's staff stream (docs/fleet.md, "Staff bundles"), beside the screens' bundles: after each round, a
 * full staff bundle or a delta on top of it, sealed for the staff PCs the roster lists. A full one when the reference
 * data, the teachers or the recipients changed (a newly approved PC needs one it can open), when a quarter of the
 * lessons or photos changed, or once a day; otherwise a delta with every change since that full one.
 */

const SHARE_MAX = 0.25;
const FULL_EVERY_MS = 24 * 3_600_000;

export type StaffPublished = { kind: 'full' | 'delta'; seq: number; bytes: number; recipients: number } | { kind: 'unchanged' } | { kind: 'no-staff-pcs' };

const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Full {
  seq: number;
  at: number;
  snapshot: Snapshot;
  photos: Map<string, string>;
  recipients: string;
}

export function createStaffPublisher(options: { folder: string; school: string; key: FleetKeyPair; now: () => number; log: Logger }) {
  const paths = fleetPaths(options.folder);
  const nextSeq = createSequence([paths.staffBundle, paths.staffDelta], options.key, options.now);
  let full: Full | null = null;
  let published = '';

  /** The delta from the last full bundle, or null when a full one is due. */
  function deltaFrom(base: Full, snapshot: Snapshot, photos: readonly PhotoRecord[], hashes: Map<string, string>): StaffBundleBody | null {
    // Pupils are compared on their own below: only lessons may differ for a timetable delta.
    const lessons = deltaBetween({ ...base.snapshot, pupils: [] }, { ...snapshot, pupils: [] }, base.seq);
    if (lessons?.kind !== 'delta') return null;
    const upsertPhotos = photos.filter((p) => base.photos.get(p.pupilNumber) !== hashes.get(p.pupilNumber));
    const removePhotos = [...base.photos.keys()].filter((n) => !hashes.has(n));
    const changedLessons = lessons.upsertLessons.length + lessons.removeLessonIds.length;
    if (changedLessons > SHARE_MAX * Math.max(1, snapshot.lessons.length)) return null;
    if (upsertPhotos.length + removePhotos.length > SHARE_MAX * Math.max(1, photos.length)) return null;
    const pupilsChanged = JSON.stringify(base.snapshot.pupils) !== JSON.stringify(snapshot.pupils);
    return {
      kind: 'delta', base: base.seq, cursor: null, upsertLessons: lessons.upsertLessons, removeLessonIds: lessons.removeLessonIds,
      ...(pupilsChanged ? { pupils: snapshot.pupils } : {}), upsertPhotos: upsertPhotos.map(photoEntry), removePhotos,
    };
  }

  /** No staff PC is enrolled (any more): no pupil data is left lying in the share either. */
  async function withdraw(): Promise<StaffPublished> {
    await Promise.all([rm(paths.staffBundle, { force: true }), rm(paths.staffDelta, { force: true })]);
    full = null;
    published = '';
    return { kind: 'no-staff-pcs' };
  }

  /** Publishes one round's staff-scope snapshot and photos for `recipients` (the roster's staff PCs). */
  async function publish(snapshot: Snapshot, photos: readonly PhotoRecord[], recipients: readonly Recipient[]): Promise<StaffPublished> {
    if (recipients.length === 0) return withdraw();
    const now = options.now();
    const hashes = new Map(photos.map((p) => [p.pupilNumber, hashOf(p.bytes)]));
    const recipientKey = recipients.map((r) => `${r.id}=${x25519Text(r.publicKey)}`).sort().join(',');
    const state = hashOf(Buffer.from(JSON.stringify([snapshot.lessons, snapshot.pupils, snapshot.teachers, [...hashes].sort(), recipientKey])));
    const fresh = full !== null && full.recipients === recipientKey && now - full.at < FULL_EVERY_MS;
    const delta = fresh ? deltaFrom(full!, snapshot, photos, hashes) : null;
    if (delta && state === published) return { kind: 'unchanged' };
    const seq = await nextSeq();
    const at = { school: options.school, seq, now };
    if (delta) {
      const bytes = sealStaffBundle(delta, recipients, at, options.key);
      await writeAtomically(paths.staffDelta, bytes);
      published = state;
      options.log.info('fleet.staff-published', { kind: 'delta', seq, base: full!.seq, bytes: bytes.length, recipients: recipients.length });
      return { kind: 'delta', seq, bytes: bytes.length, recipients: recipients.length };
    }
    const bytes = sealStaffBundle(fullBody(snapshot, photos), recipients, at, options.key);
    await writeAtomically(paths.staffBundle, bytes);
    // The old delta was made from another base (and perhaps for a PC since revoked): it goes.
    await rm(paths.staffDelta, { force: true });
    full = { seq, at: now, snapshot, photos: hashes, recipients: recipientKey };
    published = state;
    options.log.info('fleet.staff-published', { kind: 'full', seq, pupils: snapshot.pupils.length, photos: photos.length, bytes: bytes.length, recipients: recipients.length });
    return { kind: 'full', seq, bytes: bytes.length, recipients: recipients.length };
  }

  return { publish, withdraw };
}
