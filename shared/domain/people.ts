import { z } from 'zod';
import { Code } from './school';

const NamePart = z.string().min(1).max(80);

/**
 * A staff member as kiosks may know them: the abbreviation only (what Zermelo and Untis print on timetables).
 * Names are staff-mode data.
 */
export const TeacherCode = Code;

/** Dutch names keep the tussenvoegsel apart ("van den") so that "van den Berg" sorts under B. */
export const PersonName = z.object({
  firstName: NamePart,
  prefix: z.string().max(20).nullable(),
  lastName: NamePart,
}).strict();
export type PersonName = z.infer<typeof PersonName>;

export const Teacher = PersonName.extend({ code: Code }).strict();
export type Teacher = z.infer<typeof Teacher>;

/** Leerlingnummer / stamnummer: digits, leading zeros significant as schools print them. */
export const PupilNumber = z.string().regex(/^\d{3,10}$/, 'a pupil number is 3 to 10 digits');

export const Pupil = PersonName.extend({
  number: PupilNumber,
  /** May the photo be shown to staff? A per-pupil choice the school records. */
  photoConsent: z.boolean(),
  /** Class and cluster group codes. */
  groups: z.array(Code).max(40),
}).strict();
export type Pupil = z.infer<typeof Pupil>;

export function displayName(name: PersonName): string {
  return [name.firstName, name.prefix, name.lastName].filter(Boolean).join(' ');
}
