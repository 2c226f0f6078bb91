import { basename } from 'node:path';
import type { PhotoImportPreview } from '@shared/domain';
import { baseName, reportedName } from './entryName';
import { decideByName, openChosenSource } from './importPhotos';
import type { Fate } from './importReport';
import { DEFAULT_LIMITS, type PhotoLimits } from './limits';
import { createPupilMatcher } from './pupilMatch';
import type { PhotoImportOptions } from './types';

/** Examples the preview shows of each kind: enough to see whether the naming fits, never a whole school. */
const EXAMPLES = 8;

/**
 * What an import of this folder or ZIP with this naming would do, from the file names alone: which files give a
 * pupil (a few examples, file and number), which give none, and which would be refused before reading (a second file
 * for a pupil, no consent, an unsafe name). Nothing is read, decoded or stored.
 */
export async function previewPhotos(
  options: Omit<PhotoImportOptions, 'onProgress' | 'signal'>,
  limits: PhotoLimits = DEFAULT_LIMITS,
): Promise<PhotoImportPreview> {
  const match = createPupilMatcher(options.pattern, options.pupilNumbers);
  const source = await openChosenSource(options.kind, options.path, limits);
  if (!source.ok) {
    const whole = { file: reportedName(basename(options.path)), code: source.reason.code };
    return { files: 1, matched: 0, examples: [], unmatched: 0, unmatchedExamples: [], refused: [whole] };
  }
  try {
    const fates: (Fate | undefined)[] = new Array<Fate | undefined>(source.files.length);
    const work = await decideByName(source.files, fates, match, options.withoutConsent);
    const unmatched = source.files.filter((_, i) => fates[i]?.kind === 'unmatched');
    const refused = source.files.flatMap((f, i) => {
      const fate = fates[i];
      return fate?.kind === 'rejected' ? [{ file: reportedName(f.name), code: fate.reason.code }] : [];
    });
    return {
      files: source.files.length,
      matched: work.length,
      examples: work.slice(0, EXAMPLES).map((w) => ({ file: reportedName(baseName(source.files[w.index]!.name)), pupilNumber: w.pupilNumber })),
      unmatched: unmatched.length,
      unmatchedExamples: unmatched.slice(0, EXAMPLES).map((f) => reportedName(f.name)),
      refused: refused.slice(0, 200),
    };
  } finally {
    await source.close();
  }
}
