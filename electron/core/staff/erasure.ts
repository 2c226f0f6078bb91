import { createHash } from 'node:crypto';

/** What is kept of an erased pupil: a hash of the number, enough to leave them out of later syncs, no more. */
export function erasureHash(pupilNumber: string): string {
  return createHash('sha256').update(`gangbord erased pupil ${pupilNumber.replace(/^0+(?=\d)/, '')}`).digest('hex');
}
