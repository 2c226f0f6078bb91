/** Case and accents do not matter: "muller" finds "Müller", "celik" finds "Çelik", "zoe" finds "Zoë". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function words(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}.]+/u).filter(Boolean);
}

/**
 * Dutch sorting: "van den Berg" sorts under B, as "Berg, Sanne van den". The tussenvoegsel trails the first name.
 */
export function dutchSortName(firstName: string, prefix: string | null, lastName: string): string {
  return `${lastName}, ${firstName}${prefix ? ` ${prefix}` : ''}`;
}
