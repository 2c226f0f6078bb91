import { z } from 'zod';
import type { Instant } from '@shared/domain/time';
import { LocalDate } from '@shared/domain/time';
import type { SyncScope } from '../source';
import { readStoredCursor } from '../common/storedCursor';

/**
 * getLatestImportTime only moves when Untis uploads a new export. Substitutions planned in WebUntis itself may not
 * move it, so a full fetch still runs at least this often.
 */
export const MAX_UNCHANGED_MS = 60 * 60_000;

export const UntisCursor = z.object({
  v: z.literal(1),
  scope: z.enum(['kiosk', 'staff']),
  zone: z.string(),
  config: z.string(),
  from: LocalDate,
  to: LocalDate,
  /** getLatestImportTime at the last full fetch (server clock, ms); null when the server did not tell. */
  importTime: z.number().int().nullable(),
  /** When the last full fetch ran (core clock, ms). */
  fetchedAt: z.number().int(),
});
export type UntisCursor = z.infer<typeof UntisCursor>;

export const parseUntisCursor = (text: string | null): UntisCursor | null => readStoredCursor(UntisCursor, text);

export const untisConfigKey = (config: { weeks: number }) => `weeks=${config.weeks}`;

/** Nothing to fetch: the same import, the same weeks and settings, and the last full fetch is recent. */
export function isUnchanged(
  cursor: UntisCursor | null,
  o: { importTime: number | null; now: Instant; zone: string; scope: SyncScope; config: string; from: string; to: string },
): boolean {
  return (
    cursor !== null &&
    o.importTime !== null &&
    cursor.importTime === o.importTime &&
    cursor.scope === o.scope &&
    cursor.zone === o.zone &&
    cursor.config === o.config &&
    cursor.from === o.from &&
    cursor.to === o.to &&
    o.now >= cursor.fetchedAt &&
    o.now - cursor.fetchedAt < MAX_UNCHANGED_MS
  );
}
