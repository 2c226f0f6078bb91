import { z } from 'zod';
import type { Instant } from '@shared/domain/time';
import { LocalDate } from '@shared/domain/time';
import type { SyncScope } from '../source';
import { readStoredCursor } from '../common/storedCursor';
import type { SchoolWeek } from '../common/schoolWeeks';

/**
 * A full resync this often even when increments would do: it refreshes rooms, groups, staff and announcements
 * (a Delta carries lessons only) and repairs anything an increment could have missed.
 */
export const FULL_RESYNC_MS = 6 * 3_600_000;

/** How far before `since` an increment asks again (s). */
export const OVERLAP_SECONDS = 60;
/** A bulk change (a new timetable published) can touch every version at once; past this many, some may come twice. */
const MAX_RECENT = 20_000;

/**
 * What the last successful sync leaves for the next one (stored by the engine as an opaque string). Times from the
 * portal stay in the portal's clock (`since`), so a kiosk with a wrong clock still asks the right question.
 */
export const ZermeloCursor = z.object({
  v: z.literal(1),
  scope: z.enum(['kiosk', 'staff']),
  zone: z.string(),
  /** Which settings it was made with (weeks, branch): other settings need a full sync. */
  config: z.string(),
  from: LocalDate,
  to: LocalDate,
  /** Newest `lastModified` seen (Unix s, portal clock); null when the school does not grant that field. */
  since: z.number().int().nullable(),
  /** When the last full sync ran (core clock, ms). */
  fullAt: z.number().int(),
  /**
   * Versions already applied that changed in the last OVERLAP_SECONDS before `since`: the next increment asks from a
   * little before `since` (the portal's clock ticks in whole seconds) and skips these, so nothing is applied twice.
   */
  recent: z.array(z.number().int()).max(MAX_RECENT),
  /** Per week (Monday): "<versions>:<newest lastModified>", for portals that do not support modifiedSince. */
  weeks: z.record(z.string(), z.string()),
  /** False once the portal refused `modifiedSince`: from then on, weeks are compared instead. */
  modifiedSince: z.boolean(),
});
export type ZermeloCursor = z.infer<typeof ZermeloCursor>;

export const parseCursor = (text: string | null): ZermeloCursor | null => readStoredCursor(ZermeloCursor, text);

export const encodeCursor = (cursor: ZermeloCursor) => JSON.stringify(cursor);

export const configKey = (config: { weeks: number; branch?: string | undefined }) => `weeks=${config.weeks};branch=${config.branch ?? ''}`;

export type SyncPlan =
  | { mode: 'full'; reason: string }
  | { mode: 'modifiedSince'; cursor: ZermeloCursor; since: number }
  | { mode: 'fingerprint'; cursor: ZermeloCursor };

/** Full or incremental, and why. Increments only within the same weeks, settings and scope as the last full sync. */
export function planSync(
  cursor: ZermeloCursor | null,
  o: { now: Instant; zone: string; scope: SyncScope; config: string; weeks: readonly SchoolWeek[] },
): SyncPlan {
  if (!cursor) return { mode: 'full', reason: 'no earlier sync' };
  if (cursor.scope !== o.scope || cursor.zone !== o.zone || cursor.config !== o.config) return { mode: 'full', reason: 'the settings changed' };
  if (cursor.from !== o.weeks[0]?.monday || cursor.to !== o.weeks.at(-1)?.sunday) return { mode: 'full', reason: 'a new week began' };
  if (o.now < cursor.fullAt || o.now - cursor.fullAt >= FULL_RESYNC_MS) return { mode: 'full', reason: 'the periodic full sync is due' };
  if (cursor.modifiedSince && cursor.since !== null) return { mode: 'modifiedSince', cursor, since: cursor.since };
  return { mode: 'fingerprint', cursor };
}

/** "<versions>:<newest lastModified>" of one week's appointment versions; any change to a version changes it. */
export function weekFingerprint(items: readonly unknown[]): string {
  let newest = 0;
  for (const item of items) {
    const t = (item as { lastModified?: unknown } | null)?.lastModified;
    if (typeof t === 'number' && t > newest) newest = t;
  }
  return `${items.length}:${newest}`;
}

/** The ids `recent` should hold after a run that saw these versions, with `since` as the new watermark. */
export function recentIds(versions: readonly { id: number; lastModified?: number | null }[], since: number | null): number[] {
  if (since === null) return [];
  const recent = versions.filter((v) => typeof v.lastModified === 'number' && v.lastModified >= since - OVERLAP_SECONDS);
  recent.sort((a, b) => (b.lastModified ?? 0) - (a.lastModified ?? 0));
  return [...new Set(recent.slice(0, MAX_RECENT).map((v) => v.id))];
}
