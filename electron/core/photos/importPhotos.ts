import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { PhotoImportReport } from '@shared/domain';
import { CallFailure } from '../api/callFailure';
import type { CacheDb } from '../db/open';
import { baseName } from './entryName';
import { openFolderSource } from './folderSource';
import { checkImage } from './imageCheck';
import { buildReport, type Fate, refusedWhole } from './importReport';
import { DEFAULT_LIMITS, type PhotoLimits } from './limits';
import { createPhotoStore } from './photoStore';
import { throttledProgress } from './progress';
import { forEachTimeSliced } from './timeSliced';
import { createPupilMatcher, type PupilMatcher } from './pupilMatch';
import { reencodeToJpeg } from './reencode';
import type { SourceFile } from './source';
import type { ImportPhotos, PhotoImportOptions } from './types';
import { openZipSource } from './zipSource';
import { type Refusal, refusal } from './refusal';

const CANCELLED: Fate = { kind: 'rejected', reason: refusal('cancelled', 'Not imported: the import was cancelled.') };

/** The path the administrator chose must be what they said it is. It is theirs, so a link here is followed. */
async function checkChosenPath(kind: 'folder' | 'zip', path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new CallFailure('NOT_FOUND', `There is no ${kind === 'zip' ? 'ZIP file' : 'folder'} at ${path}.`);
  }
  if (kind === 'zip' && !info.isFile()) throw new CallFailure('INVALID_INPUT', `${path} is not a file; choose a .zip file.`);
  if (kind === 'folder' && !info.isDirectory()) throw new CallFailure('INVALID_INPUT', `${path} is not a folder.`);
}

/** Read, check, re-encode: one file's way to a storable photo, or the reason it has none. Never throws. */
async function preparePhoto(
  file: SourceFile,
  limits: PhotoLimits,
): Promise<{ ok: true; bytes: Buffer; width: number; height: number } | { ok: false; reason: Refusal }> {
  try {
    const read = await file.read();
    if (!read.ok) return read;
    const checked = checkImage(read.bytes, limits);
    if (!checked.ok) return checked;
    return await reencodeToJpeg(read.bytes, limits);
  } catch (error) {
    return { ok: false, reason: refusal('other', `The file could not be imported (${(error as Error).message.slice(0, 160)}).`) };
  }
}

/**
 * Decided from the listing alone, into `fates`: unsafe entries, names that give no pupil, a second file for the same
 * pupil, a pupil without consent. Returns the files to read, in listing order (the first file for a pupil wins).
 */
export async function decideByName(
  files: readonly SourceFile[],
  fates: (Fate | undefined)[],
  match: PupilMatcher,
  withoutConsent: ReadonlySet<string> | undefined,
): Promise<{ index: number; pupilNumber: string }[]> {
  const work: { index: number; pupilNumber: string }[] = [];
  const claimedBy = new Map<string, string>();
  await forEachTimeSliced(files, (file, index) => {
    if (file.refusal !== null) {
      fates[index] = { kind: 'rejected', reason: file.refusal };
      return;
    }
    const found = match(baseName(file.name));
    if (found.kind === 'unmatched') fates[index] = { kind: 'unmatched' };
    else if (found.kind === 'ambiguous') {
      fates[index] = { kind: 'rejected', reason: refusal('ambiguous', `The number fits more than one pupil (${found.numbers.slice(0, 5).join(', ')}): not imported.`) };
    } else if (withoutConsent?.has(found.number)) {
      fates[index] = { kind: 'rejected', reason: refusal('noConsent', `Pupil ${found.number} has no consent on record for a photo: not imported.`) };
    } else if (claimedBy.has(found.number)) {
      fates[index] = { kind: 'rejected', reason: refusal('duplicate', `Another file for pupil ${found.number} came first in this import (${baseName(claimedBy.get(found.number)!)}).`) };
    } else {
      claimedBy.set(found.number, file.name);
      work.push({ index, pupilNumber: found.number });
    }
  });
  return work;
}

/** The folder or ZIP the administrator chose, checked and opened as a source (listed, nothing read yet). */
export async function openChosenSource(kind: 'folder' | 'zip', path: string, limits: PhotoLimits) {
  await checkChosenPath(kind, path);
  return kind === 'zip' ? openZipSource(path, limits) : openFolderSource(path, limits);
}

/**
 * The importer with its limits as a parameter (tests use small ones). The whole source is listed first; then
 * names are matched in listing order (the first file for a pupil wins); then the matched files are read, checked
 * and re-encoded a few at a time, and stored in batches. Between files the event loop gets a turn.
 */
export async function importPhotosWithLimits(db: CacheDb, options: PhotoImportOptions, limits: PhotoLimits): Promise<PhotoImportReport> {
  const match = createPupilMatcher(options.pattern, options.pupilNumbers);
  const source = await openChosenSource(options.kind, options.path, limits);
  if (!source.ok) {
    options.onProgress(1, 1);
    return refusedWhole(basename(options.path), source.reason);
  }
  const { files } = source;
  const fates: (Fate | undefined)[] = new Array<Fate | undefined>(files.length);
  try {
    const work = await decideByName(files, fates, match, options.withoutConsent);

    const progress = throttledProgress(options.onProgress, files.length);
    progress.start(files.length - work.length);
    const store = createPhotoStore(db, limits.batchSize, (indices) => {
      for (const i of indices) fates[i] = { kind: 'stored' };
    });
    let next = 0;
    let failure: unknown = null;
    const worker = async () => {
      while (next < work.length && failure === null) {
        const { index, pupilNumber } = work[next++]!;
        if (options.signal?.aborted) fates[index] = CANCELLED;
        else {
          const photo = await preparePhoto(files[index]!, limits);
          if (!photo.ok) fates[index] = { kind: 'rejected', reason: photo.reason };
          else {
            try {
              store.add({ index, pupilNumber, width: photo.width, height: photo.height, bytes: photo.bytes });
            } catch (error) {
              // The cache itself failed (disk full, locked too long): not the file's fault; stop and say so.
              failure ??= error;
            }
          }
        }
        progress.step();
        await yieldToEventLoop();
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, limits.concurrency) }, worker));
      if (failure === null) store.finish();
    } finally {
      store.abandon(); // after finish, nothing is pending: this only gives the connection back as it was
    }
    if (failure !== null) throw failure;
    return buildReport(files.map((f) => f.name), fates);
  } finally {
    await source.close();
  }
}

/**
 * Imports photos from a folder (and its direct subfolders) or a ZIP into the cache's photos table: each file
 * checked (a real JPEG or PNG within the limits), re-encoded with sharp (resized, upright, metadata stripped) and
 * stored encrypted. Nothing is ever written to disk but the cache. Returns every file's fate.
 */
export const importPhotos: ImportPhotos = (db, options) => importPhotosWithLimits(db, options, DEFAULT_LIMITS);
