import { createHash } from 'node:crypto';

/**
 * What is kept of an erased pupil, to leave them out of later syncs: a hash of the number, no name, no photo.
 * A pupil number is short, so the hash can be reversed by trying every number; it lives in the encrypted records
 * database, beside the audit log, which names the pupil number of the erasure anyway (who erased whom, and when).
 */
export function erasureHash(pupilNumber: string): string {
  return createHash('sha256').update(`gangbord erased pupil ${pupilNumber.replace(/^0+(?=\d)/, '')}`).digest('hex');
}
