import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { Announcement, Group, Holiday, Lesson, Period, Room, School, Subject, TeacherCode } from '@shared/domain';
import { LocalDate } from '@shared/domain/time';
import type { Delta, Snapshot } from '../sync/snapshot';
import { openEnvelope, sealEnvelope, type Trust } from './envelope';
import { type LessonBase, lessonBase, lessonChanges } from './compare/lessonChanges';
import { jsonEqual } from './compare/jsonEqual';
import type { FleetKeyPair } from './keys';

/*
 * A bundle (docs/fleet.md): everything a screen shows, built by the publisher from its sync in kiosk scope, signed,
 * and gzipped JSON inside. Pupil-free by construction twice over: the publisher fetches in kiosk scope (no pupils,
 * teachers by code), and the schema here has no place for a pupil or a teacher's name, so a screen refuses a
 * bundle that carries one whoever signed it.
 */

const KioskTeacher = z.object({ code: TeacherCode, name: z.null() }).strict();

export const SnapshotBody = z.object({
  kind: z.literal('snapshot'),
  school: School,
  window: z.object({ from: LocalDate, to: LocalDate }).strict(),
  periods: z.array(Period),
  rooms: z.array(Room),
  subjects: z.array(Subject),
  groups: z.array(Group),
  teachers: z.array(KioskTeacher),
  pupils: z.array(z.never()).max(0),
  lessons: z.array(Lesson),
  announcements: z.array(Announcement),
  holidays: z.array(Holiday),
  /** The upstream's cursor means nothing to a screen (its own cursor counts bundles): never sent. */
  cursor: z.null(),
}).strict();

const DeltaBody = z.object({
  kind: z.literal('delta'),
  /** The full bundle's sequence number this delta goes on from: a screen that missed it fetches the full one. */
  base: z.number().int().min(1),
  upsertLessons: z.array(Lesson),
  removeLessonIds: z.array(z.string().min(1).max(200)),
  cursor: z.null(),
}).strict();

export const BundleBody = z.discriminatedUnion('kind', [SnapshotBody, DeltaBody]);
export type BundleBody = z.infer<typeof BundleBody>;

/** How long a bundle holds: a screen keeps showing its last one after that, marked stale, but applies no older one. */
export const BUNDLE_VALID_MS = 7 * 24 * 3_600_000;

/** Seals a kiosk-scope snapshot or a delta; a snapshot with a pupil or a teacher's name in it is refused here (throws). */
export function sealBundle(body: BundleBody | Snapshot, input: { school: string; seq: number; now: number }, publisher: FleetKeyPair): Buffer {
  // Checked on the way out as well: a publisher never signs what its screens would refuse.
  const checked = BundleBody.parse({ ...body, cursor: null });
  return sealEnvelope({
    kind: 'bundle', school: input.school, seq: input.seq, issuedAt: input.now, notAfter: input.now + BUNDLE_VALID_MS,
    type: 'application/json+gzip', body: gzipSync(JSON.stringify(checked)),
  }, publisher);
}

export type OpenedBundle =
  | { ok: true; seq: number; payload: Snapshot | (Delta & { base: number }) }
  | { ok: false; refusal: string; detail: string };

/** A bundle opened and checked: the signature first, then its contents against the pupil-free schema. */
export function openBundle(bytes: Buffer, options: { trust: Trust; now: number; lastSeq?: number }): OpenedBundle {
  const opened = openEnvelope(bytes, { ...options, kind: 'bundle' });
  if (!opened.ok) return opened;
  let parsed: ReturnType<typeof BundleBody.safeParse>;
  try {
    parsed = BundleBody.safeParse(JSON.parse(gunzipSync(opened.body, { maxOutputLength: 256 * 1024 * 1024 }).toString('utf8')));
  } catch {
    return { ok: false, refusal: 'malformed', detail: 'the bundle does not unpack' };
  }
  if (!parsed.success) return { ok: false, refusal: 'malformed', detail: `the bundle is not a kiosk bundle: ${parsed.error.issues[0]?.path.join('.')}` };
  const body = parsed.data;
  if (body.kind === 'snapshot') return { ok: true, seq: opened.header.seq, payload: { ...body, pupils: [], teachers: body.teachers } };
  return { ok: true, seq: opened.header.seq, payload: body };
}

/**
 * The lessons that changed from one snapshot to the next, as a delta, or null when more than lessons changed (rooms,
 * periods, the window...) and screens need the whole picture. `base` is the previous snapshot's lessons made ready for
 * comparing, when the caller keeps them (the publisher does, round after round).
 */
export function deltaBetween(previous: Snapshot, next: Snapshot, seq: number, base: LessonBase = lessonBase(previous.lessons)): BundleBody | null {
  const { lessons: _a, cursor: _c, ...restPrevious } = previous;
  const { lessons: _b, cursor: _d, ...restNext } = next;
  if (!jsonEqual(restPrevious, restNext)) return null;
  return { kind: 'delta', base: seq, cursor: null, ...lessonChanges(base, next.lessons) };
}
