import type { PhotoImportReport } from '@shared/domain';
import type { CacheDb } from '../db/open';

export interface PhotoImportOptions {
  kind: 'folder' | 'zip';
  /** A folder or a .zip file on this machine. */
  path: string;
  /** Regular expression on the file name (case-insensitive); its first group is the pupil number. */
  pattern: string;
  /** The pupils of the school, by number as the cache has it. Leading zeros do not matter when matching. */
  pupilNumbers: readonly string[];
  /** Pupils (as in pupilNumbers) without consent on record for their photo: their files are refused, not stored. */
  withoutConsent?: ReadonlySet<string>;
  onProgress(done: number, total: number): void;
  signal?: AbortSignal;
}

/** Imports photos into the cache's photos table (re-encoded, metadata stripped) and reports what happened to each file. */
export type ImportPhotos = (db: CacheDb, options: PhotoImportOptions) => Promise<PhotoImportReport>;
