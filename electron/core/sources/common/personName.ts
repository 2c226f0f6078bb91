import type { PersonName } from '@shared/domain';
import { cleanText } from './codes';

// Dutch tussenvoegsels: upstreams keep them in the surname ("van den Berg"); the domain keeps them apart.
const PREFIX = /^((?:van|de|den|der|het|in|op|te|ten|ter|'t|d')(?:\s+(?:van|de|den|der|het|in|op|te|ten|ter|'t|d'))*)\s+(\S.*)$/i;

/** A first name and a surname as an upstream gives them, the surname's tussenvoegsel set apart. */
export function personName(foreName: unknown, surname: unknown): PersonName | null {
  const firstName = cleanText(foreName, 80);
  const full = cleanText(surname, 80);
  if (firstName === null || full === null) return null;
  const match = PREFIX.exec(full);
  const prefix = match ? cleanText(match[1], 20) : null;
  return { firstName, prefix, lastName: match && prefix !== null ? cleanText(match[2], 80)! : full };
}

/** "Sanne van den Berg" as one string: the first word is the first name, the rest the surname. */
export function personNameFromFull(full: string): PersonName | null {
  const words = full.trim().split(/\s+/);
  if (words.length < 2) return null;
  return personName(words[0], words.slice(1).join(' '));
}
