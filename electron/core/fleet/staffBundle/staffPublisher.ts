import { rm } from 'node:fs/promises';
import type { Logger } from '../../logger';
import type { Pupil } from '@shared/domain';
import type { PhotoRecord, Snapshot } from '../../sync/snapshot';
import { fleetPaths, writeAtomically } from '../fleetFolder';
import type { FleetKeyPair } from '../keys';
import { goneKeys, type LessonBase, lessonBase, lessonChanges } from '../compare/lessonChanges';
import { createSequence } from '../sequence';
import { folderStore } from '../store/folderStore';
import { fullBody, photoEntry, type Recipient, sealStaffBundle, type StaffBundleBody } from './staffBundle';
import { jsonEqual } from '../compare/jsonEqual';
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

/** The bytes as a Buffer without copying them (Buffer.from(buffer) would copy). */
const view = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

const samePhoto = (a: PhotoRecord | undefined, b: PhotoRecord) =>
  a !== undefined && a.mime === b.mime && a.width === b.width && a.height === b.height && view(a.bytes).equals(view(b.bytes));

interface Full {
  seq: number;
  at: number;
  snapshot: Snapshot;
  lessons: LessonBase;
  pupils: Map<string, Pupil>;
  photos: Map<string, PhotoRecord>;
  recipients: string;
}

/** Everything but the lessons, pupils and cursor: when any of it changed, staff PCs get a full bundle. */
const referenceOf = ({ lessons: _l, pupils: _p, cursor: _c, photos: _f, ...rest }: Snapshot) => rest;

export function createStaffPublisher(options: { folder: string; school: string; key: FleetKeyPair; now: () => number; log: Logger }) {
  const paths = fleetPaths(options.folder);
  const nextSeq = createSequence(folderStore(options.folder), ['pub/staff.env', 'pub/staff-delta.env'], options.key, options.now);
  let full: Full | null = null;
  /** The delta last written since the full bundle, or null when none was: the same again is "unchanged". */
  let publishedDelta: StaffBundleBody | null = null;

  /** The delta from the last full bundle, or null when a full one is due. */
  function deltaFrom(base: Full, snapshot: Snapshot, photos: readonly PhotoRecord[]): StaffBundleBody | null {
    if (!jsonEqual(referenceOf(base.snapshot), referenceOf(snapshot))) return null;
    const { upsertLessons, removeLessonIds } = lessonChanges(base.lessons, snapshot.lessons);
    const upsertPhotos = photos.filter((p) => !samePhoto(base.photos.get(p.pupilNumber), p));
    const removePhotos = goneKeys(base.photos, photos.map((p) => p.pupilNumber));
    if (upsertLessons.length + removeLessonIds.length > SHARE_MAX * Math.max(1, snapshot.lessons.length)) return null;
    if (upsertPhotos.length + removePhotos.length > SHARE_MAX * Math.max(1, photos.length)) return null;
    return {
      kind: 'delta', base: base.seq, cursor: null, upsertLessons, removeLessonIds,
      upsertPupils: snapshot.pupils.filter((p) => !jsonEqual(base.pupils.get(p.number), p)),
      removePupils: goneKeys(base.pupils, snapshot.pupils.map((p) => p.number)),
      upsertPhotos: upsertPhotos.map(photoEntry), removePhotos,
    };
  }

  const isEmpty = (d: Extract<StaffBundleBody, { kind: 'delta' }>) =>
    d.upsertLessons.length + d.removeLessonIds.length + d.upsertPupils.length + d.removePupils.length + d.upsertPhotos.length + d.removePhotos.length === 0;

  /** No staff PC is enrolled (any more): no pupil data is left lying in the share either. */
  async function withdraw(): Promise<StaffPublished> {
    await Promise.all([rm(paths.staffBundle, { force: true }), rm(paths.staffDelta, { force: true })]);
    full = null;
    publishedDelta = null;
    return { kind: 'no-staff-pcs' };
  }

  /** Publishes one round's staff-scope snapshot and photos for `recipients` (the roster's staff PCs). */
  async function publish(snapshot: Snapshot, photos: readonly PhotoRecord[], recipients: readonly Recipient[]): Promise<StaffPublished> {
    if (recipients.length === 0) return withdraw();
    const now = options.now();
    const recipientKey = recipients.map((r) => `${r.id}=${x25519Text(r.publicKey)}`).sort().join(',');
    const fresh = full !== null && full.recipients === recipientKey && now - full.at < FULL_EVERY_MS;
    const delta = fresh ? deltaFrom(full!, snapshot, photos) : null;
    if (delta?.kind === 'delta' && (publishedDelta === null ? isEmpty(delta) : jsonEqual(delta, publishedDelta))) return { kind: 'unchanged' };
    const seq = await nextSeq();
    const at = { school: options.school, seq, now };
    if (delta) {
      const bytes = sealStaffBundle(delta, recipients, at, options.key);
      await writeAtomically(paths.staffDelta, bytes);
      // Only once it is in the share: a write that failed is tried again next round.
      publishedDelta = delta;
      options.log.info('fleet.staff-published', { kind: 'delta', seq, base: full!.seq, bytes: bytes.length, recipients: recipients.length });
      return { kind: 'delta', seq, bytes: bytes.length, recipients: recipients.length };
    }
    const bytes = sealStaffBundle(fullBody(snapshot, photos), recipients, at, options.key);
    await writeAtomically(paths.staffBundle, bytes);
    // The old delta was made from another base (and perhaps for a PC since revoked): it goes.
    await rm(paths.staffDelta, { force: true });
    full = {
      seq, at: now, snapshot, recipients: recipientKey, lessons: lessonBase(snapshot.lessons),
      pupils: new Map(snapshot.pupils.map((p) => [p.number, p])), photos: new Map(photos.map((p) => [p.pupilNumber, p])),
    };
    publishedDelta = null;
    options.log.info('fleet.staff-published', { kind: 'full', seq, pupils: snapshot.pupils.length, photos: photos.length, bytes: bytes.length, recipients: recipients.length });
    return { kind: 'full', seq, bytes: bytes.length, recipients: recipients.length };
  }

  return { publish, withdraw };
}
