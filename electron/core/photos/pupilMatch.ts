import { CallFailure } from '../api/callFailure';
import { type AdminPattern, compileAdminPattern } from '@shared/patterns/adminPattern';

export type PupilMatch =
  | { kind: 'pupil'; number: string }
  | { kind: 'unmatched' }
  /** The number in the name fits more than one pupil once leading zeros are ignored (e.g. 0123 and 123 both exist). */
  | { kind: 'ambiguous'; numbers: string[] };

/** Longer base names are not matched at all: no file system allows them, and an admin's pattern stays cheap to run. */
const MAX_MATCHED_NAME = 255;

/** How numbers compare: leading zeros, surrounding spaces and case do not matter ("007", "7"; "l123", "L123"). */
export function numberKey(number: string): string {
  return number.trim().toUpperCase().replace(/^0+(?=.)/, '');
}

/**
 * File name to pupil number. The pattern (a RegExp source, case-insensitive) runs on the base name; its first
 * group is the number (or the whole match, if the pattern has no group). A number is taken as the cache spells
 * it: an exact spelling first, else the one pupil whose number is the same without leading zeros.
 */
export function createPupilMatcher(pattern: string, pupilNumbers: readonly string[]) {
  let regex: AdminPattern;
  try {
    // RE2: linear in the name's length, whatever the pattern (see patterns/adminPattern.ts).
    regex = compileAdminPattern(pattern, { caseInsensitive: true });
  } catch (error) {
    throw new CallFailure('INVALID_INPUT', `The file name pattern cannot be used: ${(error as Error).message}.`);
  }
  const exact = new Set(pupilNumbers);
  const byKey = new Map<string, string[]>();
  for (const number of pupilNumbers) {
    const key = numberKey(number);
    const list = byKey.get(key);
    if (list) list.push(number);
    else byKey.set(key, [number]);
  }

  return (baseName: string): PupilMatch => {
    if (baseName.length > MAX_MATCHED_NAME) return { kind: 'unmatched' };
    const found = regex.first(baseName);
    if (found === null || found.trim() === '') return { kind: 'unmatched' };
    if (exact.has(found)) return { kind: 'pupil', number: found };
    const candidates = byKey.get(numberKey(found)) ?? [];
    if (candidates.length === 1) return { kind: 'pupil', number: candidates[0]! };
    if (candidates.length > 1) return { kind: 'ambiguous', numbers: candidates };
    return { kind: 'unmatched' };
  };
}

export type PupilMatcher = ReturnType<typeof createPupilMatcher>;
