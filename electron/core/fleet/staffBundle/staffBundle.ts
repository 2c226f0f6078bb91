import type { KeyObject } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { Lesson, PersonName, Pupil, PupilNumber, TeacherCode } from '@shared/domain';
import type { Delta, PhotoRecord, Snapshot, StaffMember } from '../../sync/snapshot';
import { SnapshotBody } from '../bundle';
import { openEnvelope, sealEnvelope, type Trust } from '../envelope';
import { type FleetKeyPair, keyIdOf } from '../keys';
import { open, seal } from './sealed';

/*
 * The staff bundle (docs/fleet.md, "Staff bundles"): what a staff PC in the fleet needs and a kiosk must never hold:
 * the timetable in staff scope (teachers by name), the pupils with their groups, and the photos. Gzipped JSON,
 * sealed for the enrolled staff PCs (sealed.ts) and signed by the publisher as an envelope of kind `staff`, which no
 * kiosk is told to believe. A delta carries the lessons, pupils and photos that changed since its full bundle.
 */

const Photo = z.object({
  pupil: PupilNumber,
  mime: z.enum(['image/png', 'image/jpeg']),
  width: z.number().int().min(1).max(4000),
  height: z.number().int().min(1).max(4000),
  /** The image bytes, base64 (gzip takes most of base64's third back). */
  bytes: z.string().max(4_000_000),
}).strict();
type Photo = z.infer<typeof Photo>;

const StaffTeacher = z.object({ code: TeacherCode, name: PersonName.nullable() }).strict();

const StaffFull = SnapshotBody.extend({
  teachers: z.array(StaffTeacher),
  pupils: z.array(Pupil).max(20_000),
  photos: z.array(Photo).max(20_000),
}).strict();

const StaffDelta = z.object({
  kind: z.literal('delta'),
  base: z.number().int().min(1),
  upsertLessons: z.array(Lesson),
  removeLessonIds: z.array(z.string().min(1).max(200)),
  /** Pupils added or changed (names, consent, groups) since the full bundle, each whole; and those no longer in it. */
  upsertPupils: z.array(Pupil).max(20_000),
  removePupils: z.array(PupilNumber).max(20_000),
  upsertPhotos: z.array(Photo).max(20_000),
  removePhotos: z.array(PupilNumber).max(20_000),
  cursor: z.null(),
}).strict();

export const StaffBundleBody = z.discriminatedUnion('kind', [StaffFull, StaffDelta]);
export type StaffBundleBody = z.infer<typeof StaffBundleBody>;

/** What a staff PC writes from a bundle: a staff-scope snapshot with every photo, or a delta with its pupils and photos. */
export type StaffPayload =
  | (Snapshot & { photos: PhotoRecord[] })
  | (Delta & { base: number; pupils: { upsert: Pupil[]; remove: string[] }; photos: { upsert: PhotoRecord[]; remove: string[] } });

export const STAFF_BUNDLE_VALID_MS = 7 * 24 * 3_600_000;

export const photoEntry = (p: PhotoRecord): Photo => ({
  pupil: p.pupilNumber, mime: p.mime, width: p.width, height: p.height, bytes: Buffer.from(p.bytes).toString('base64'),
});
const photoRecord = (p: Photo): PhotoRecord => ({ pupilNumber: p.pupil, mime: p.mime, width: p.width, height: p.height, bytes: Buffer.from(p.bytes, 'base64') });

/** The full staff bundle's body from the publisher's staff-scope sync and its photos. */
export function fullBody(snapshot: Snapshot, photos: readonly PhotoRecord[]): StaffBundleBody {
  const teachers: StaffMember[] = snapshot.teachers;
  return { ...snapshot, teachers, cursor: null, photos: photos.map(photoEntry) };
}

export interface Recipient {
  id: string;
  publicKey: KeyObject;
}

/** Seals a staff bundle for `recipients` and signs it; a body that does not fit the schema is never signed (throws). */
export function sealStaffBundle(
  body: StaffBundleBody,
  recipients: readonly Recipient[],
  input: { school: string; seq: number; now: number },
  publisher: FleetKeyPair,
): Buffer {
  const checked = StaffBundleBody.parse(body);
  return sealEnvelope({
    kind: 'staff', school: input.school, seq: input.seq, issuedAt: input.now, notAfter: input.now + STAFF_BUNDLE_VALID_MS,
    type: 'application/gangbord-sealed', body: seal(gzipSync(JSON.stringify(checked), { level: 1 }), recipients),
  }, publisher);
}

/** Whom a staff PC believes for staff bundles: the pinned publisher key, and for nothing else. */
export const staffTrust = (school: string, publisher: KeyObject): Trust =>
  ({ school, keys: new Map([[keyIdOf(publisher), { publicKey: publisher, kinds: ['staff'] }]]), revoked: new Set() });

export type OpenedStaffBundle = { ok: true; seq: number; payload: StaffPayload } | { ok: false; refusal: string; detail: string };

/**
 * Opens a staff bundle as staff PC `id`: the publisher's signature first, then the seal with this PC's own X25519
 * key, then the contents against the schema. A PC that is not among the recipients (never enrolled, or revoked
 * before the bundle was made) gets `not-a-recipient` and nothing else.
 */
export function openStaffBundle(
  bytes: Buffer,
  options: { trust: Trust; now: number; lastSeq?: number; id: string; privateKey: KeyObject },
): OpenedStaffBundle {
  const opened = openEnvelope(bytes, { trust: options.trust, kind: 'staff', now: options.now, lastSeq: options.lastSeq });
  if (!opened.ok) return opened;
  const unsealed = open(opened.body, options.id, options.privateKey);
  if (!unsealed.ok) {
    const detail = unsealed.reason === 'not-a-recipient' ? 'this PC is not among the staff PCs it was sealed for (not approved, or revoked)' : 'the sealed body is damaged';
    return { ok: false, refusal: unsealed.reason, detail };
  }
  let parsed: ReturnType<typeof StaffBundleBody.safeParse>;
  try {
    parsed = StaffBundleBody.safeParse(JSON.parse(gunzipSync(unsealed.body, { maxOutputLength: 1024 * 1024 * 1024 }).toString('utf8')));
  } catch {
    return { ok: false, refusal: 'malformed', detail: 'the staff bundle does not unpack' };
  }
  if (!parsed.success) return { ok: false, refusal: 'malformed', detail: `not a staff bundle: ${parsed.error.issues[0]?.path.join('.')}` };
  const body = parsed.data;
  if (body.kind === 'snapshot') {
    const { photos, ...snapshot } = body;
    return { ok: true, seq: opened.header.seq, payload: { ...snapshot, photos: photos.map(photoRecord) } };
  }
  const { upsertPhotos, removePhotos, upsertPupils, removePupils, ...delta } = body;
  return {
    ok: true, seq: opened.header.seq,
    payload: { ...delta, pupils: { upsert: upsertPupils, remove: removePupils }, photos: { upsert: upsertPhotos.map(photoRecord), remove: removePhotos } },
  };
}
