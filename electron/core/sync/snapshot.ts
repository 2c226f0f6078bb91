import type { ConnectionStep } from '@shared/contract';
import type { Announcement, Group, Holiday, Lesson, Period, PersonName, Pupil, Room, School, Subject } from '@shared/domain';
import type { Instant, LocalDate } from '@shared/domain/time';

/**
 * What a sync writes. Kiosk machines sync in `kiosk` scope: no pupils at all and teachers by abbreviation only.
 * Staff machines sync in `staff` scope.
 */
export type SyncScope = 'kiosk' | 'staff';

export interface StaffMember {
  code: string;
  /** Null in kiosk scope: kiosks know teachers by abbreviation only. */
  name: PersonName | null;
}

/** A full picture from a source. Replaces everything it covers in one transaction. */
export interface Snapshot {
  kind: 'snapshot';
  school: School;
  /** School-zone dates, inclusive: lessons on these days are replaced by `lessons`; lessons outside stay. */
  window: { from: LocalDate; to: LocalDate };
  periods: Period[];
  rooms: Room[];
  subjects: Subject[];
  groups: Group[];
  teachers: StaffMember[];
  /** Always empty in kiosk scope. */
  pupils: Pupil[];
  lessons: Lesson[];
  announcements: Announcement[];
  holidays: Holiday[];
  /** Opaque position for the next incremental fetch (e.g. Zermelo's last modified time). */
  cursor: string | null;
  /** Staff scope, from the publisher's staff bundle only: every photo, replacing those the cache has. */
  photos?: PhotoRecord[];
}

/** An incremental change: only the lessons that changed since the cursor. */
export interface Delta {
  kind: 'delta';
  upsertLessons: Lesson[];
  removeLessonIds: string[];
  /** The lessons of these days are replaced whole: every lesson the cache has there goes, `upsertLessons` come. */
  replaceDays?: { from: LocalDate; to: LocalDate };
  cursor: string | null;
  /** Staff scope, from a staff bundle's delta only: pupils added or changed (groups and consent too), and those gone. */
  pupils?: { upsert: Pupil[]; remove: string[] };
  /** Staff scope, from a staff bundle's delta only: photos added or replaced, and those taken away. */
  photos?: { upsert: PhotoRecord[]; remove: string[] };
}

/** The source looked and nothing changed upstream (e.g. WebUntis getLatestImportTime unchanged). */
export interface Unchanged {
  kind: 'unchanged';
}

export type SyncPayload = Snapshot | Delta | Unchanged;

/** A pupil's portrait as stored in the cache (staff machines only). */
export interface PhotoRecord {
  pupilNumber: string;
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  bytes: Uint8Array;
}

export interface SourceContext {
  scope: SyncScope;
  /** The core clock's now: demo data and "current week" are relative to it. */
  now: Instant;
  zone: string;
  /** The cursor the previous successful sync of this source left, if any. */
  cursor: string | null;
  signal: AbortSignal;
  progress(phase: string, done: number, total: number): void;
  /** A credential the source's settings name (a token, a password); null when it is not set. */
  secret(name: string): string | null;
  /** A fleet screen with a broker: the folder in its own data where the bundles pushed to it are kept (fleetScreen.ts). */
  fleetInbox?: string;
}

/**
 * A source adapter: fetch what the upstream sends, validate it (zod, at the upstream's own format), and
 * normalise it into the domain. Throw a SourceError for anything the status should show.
 */
export interface Source<Raw = unknown> {
  /** Stable id for the status and the sync state row, without credentials: `demo`, `zermelo:school`. */
  readonly id: string;
  fetch(ctx: SourceContext): Promise<unknown>;
  validate(raw: unknown, ctx: SourceContext): Raw;
  normalise(raw: Raw, ctx: SourceContext): SyncPayload;
  /**
   * "Test connection", step by step in plain words (signed in; rooms; appointments ...), writing nothing. Without
   * it, the generic test runs fetch, validate and normalise and reports what came back.
   */
  test?(ctx: SourceContext): Promise<ConnectionStep[]>;
}

/** The contract's connection-test step: the one step type, from the connector to the staff page. */
export type { ConnectionStep } from '@shared/contract';
