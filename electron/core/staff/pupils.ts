import type { GroupMember, PhotoState, PupilCard } from '@shared/domain';
import { displayName } from '@shared/domain';
import { CallFailure } from '../api/callFailure';
import type { CacheDb } from '../db/open';
import { dutchSortName } from '../search/normalise';

export interface PupilRow { id: number; number: string; first_name: string; prefix: string | null; last_name: string; photo_consent: number }

/** Pupil records, photos and group lists, read from the cache of a staff PC. Auditing is the caller's job. */
export function createPupils(db: CacheDb) {
  const byNumber = db.prepare('SELECT id, number, first_name, prefix, last_name, photo_consent FROM pupils WHERE number = ?');
  const groupsOf = db.prepare('SELECT group_code FROM group_members WHERE pupil_id = ? ORDER BY group_code').pluck();
  const photoOf = db.prepare('SELECT mime, bytes FROM photos WHERE pupil_number = ?');
  const hasPhoto = db.prepare('SELECT 1 FROM photos WHERE pupil_number = ?').pluck();
  const members = db.prepare(`SELECT p.id, p.number, p.first_name, p.prefix, p.last_name, p.photo_consent
    FROM group_members m JOIN pupils p ON p.id = m.pupil_id WHERE m.group_code = ?`);

  const find = (number: string): PupilRow => {
    const row = byNumber.get(number) as PupilRow | undefined;
    if (!row) throw new CallFailure('NOT_FOUND', `There is no pupil with number ${number}.`);
    return row;
  };
  const photoState = (row: PupilRow): PhotoState => (row.photo_consent !== 1 ? 'no-consent' : hasPhoto.get(row.number) ? 'available' : 'none');

  return {
    find,
    groups: (row: PupilRow) => groupsOf.all(row.id) as string[],
    card(row: PupilRow, now: PupilCard['now'], next: PupilCard['next']): PupilCard {
      return {
        pupil: { number: row.number, firstName: row.first_name, prefix: row.prefix, lastName: row.last_name, groups: groupsOf.all(row.id) as string[] },
        photo: photoState(row),
        now,
        next,
      };
    },
    /** Only with consent; the bytes are as stored (re-encoded on import, metadata stripped). */
    photo(row: PupilRow): { mime: 'image/jpeg' | 'image/png'; bytes: Buffer } {
      if (row.photo_consent !== 1) throw new CallFailure('FORBIDDEN', 'This pupil has no consent on record for showing their photo.');
      const photo = photoOf.get(row.number) as { mime: 'image/jpeg' | 'image/png'; bytes: Buffer } | undefined;
      if (!photo) throw new CallFailure('NOT_FOUND', 'There is no photo of this pupil.');
      return photo;
    },
    groupMembers(group: string): GroupMember[] {
      const collator = new Intl.Collator('nl', { sensitivity: 'base' });
      return (members.all(group) as PupilRow[])
        .map((p) => ({
          number: p.number,
          displayName: displayName({ firstName: p.first_name, prefix: p.prefix, lastName: p.last_name }),
          sortName: dutchSortName(p.first_name, p.prefix, p.last_name),
          photo: photoState(p),
        }))
        .sort((a, b) => collator.compare(a.sortName, b.sortName));
    },
  };
}

export type Pupils = ReturnType<typeof createPupils>;
