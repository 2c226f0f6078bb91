/*
 * Lists of codes in one column. Codes cannot contain control characters (shared/domain/school.ts), so U+001F,
 * the ASCII unit separator, is safe; splitting it back is much cheaper than JSON on the kiosk's hot path.
 */
const SEP = '\u001f';

export function joinCodes(codes: readonly string[]): string {
  return codes.join(SEP);
}

export function splitCodes(joined: string): string[] {
  return joined === '' ? [] : joined.split(SEP);
}
