import { personNameFromFull } from './personName';

/*
 * Screens show teachers by a short code, never by name (kiosks keep no names). Zermelo, WebUntis and Untis give
 * codes; a feed that names teachers in full ("Bouke Bruinsma" in an iCalendar DESCRIPTION) gets a code here: the
 * administrator's own, or the initials ("BB"). Cutting the name to its first word, as kiosks once did, showed
 * "Bouke" on every door: a first name is still a name, and it does not say who is meant.
 */

/** A teacher value with a space is a full name; upstream teacher codes have none. */
export const isFullName = (value: string): boolean => /\s/.test(value.trim());

const key = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');

/** The initials of a full name: first name's first letter and each surname word's, tussenvoegsels left out. */
export function initialsCode(full: string): string {
  const name = personNameFromFull(full);
  const words = name ? [name.firstName, ...name.lastName.split(/[\s-]+/)] : full.trim().split(/\s+/);
  const letters = words.map((w) => [...w.replace(/[^\p{L}\p{N}]/gu, '')][0] ?? '').join('');
  return letters.toLocaleUpperCase('nl').slice(0, 6) || '?';
}

export interface TeacherCodeRule {
  name: string;
  code: string;
}

/**
 * A code for each full name: the administrator's mapping first, then initials, numbered where two would share one
 * ("BB", "BB2") and never equal to a code the upstream already uses. Names are taken in a fixed order so a code stays
 * the same from one sync to the next while the set of names does.
 */
export function teacherCodesFor(fullNames: Iterable<string>, mapping: readonly TeacherCodeRule[], codesInUse: Iterable<string> = []): Map<string, string> {
  const mapped = new Map(mapping.map((m) => [key(m.name), m.code.trim()]));
  const taken = new Set(codesInUse);
  const out = new Map<string, string>();
  const names = [...new Set(fullNames)].sort((a, b) => a.localeCompare(b, 'nl'));
  for (const name of names) {
    const own = mapped.get(key(name));
    if (own !== undefined) {
      out.set(name, own);
      taken.add(own);
    }
  }
  for (const name of names) {
    if (out.has(name)) continue;
    const base = initialsCode(name);
    let code = base;
    for (let n = 2; taken.has(code); n++) code = `${base}${n}`;
    out.set(name, code);
    taken.add(code);
  }
  return out;
}
