/*
 * Upstream text made fit for the domain. Codes (rooms, groups, subjects, teachers) may not hold control characters
 * or stray spaces (shared/domain/school.ts Code): the cache joins code lists with U+001F, so one stray control
 * character would corrupt a row. Everything here is total: any input gives a clean value or null, never an error.
 */

// Controls (C0, DEL, C1) and every kind of white space become one plain space.
const BLANKS = /[\s\u0000-\u001f\u007f-\u009f\u200b\ufeff]+/g;

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never leave half a surrogate pair behind.
  const end = /[\ud800-\udbff]/.test(text[max - 1]!) ? max - 1 : max;
  return text.slice(0, end);
}

/** A code as the domain accepts it (1..40 characters, single inner spaces), or null. Numbers are accepted as text. */
export function cleanCode(value: unknown): string | null {
  if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) return null;
  const text = cut(String(value).replace(BLANKS, ' ').trim(), 40).trim();
  return text === '' ? null : text;
}

/** Clean, distinct codes, at most `max` of them (the domain caps lists per lesson). */
export function cleanCodes(values: unknown, max: number): string[] {
  if (!Array.isArray(values)) return [];
  const out: string[] = [];
  for (const value of values) {
    const code = cleanCode(value);
    if (code !== null && !out.includes(code)) out.push(code);
    if (out.length === max) break;
  }
  return out;
}

/** One line of text (a remark, a change description, a name), at most `max` characters, or null when empty. */
export function cleanText(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const text = cut(value.replace(BLANKS, ' ').trim(), max).trim();
  return text === '' ? null : text;
}

/** Text safe to put inside HTML (announcement bodies are restricted HTML; upstream text is plain). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Leerjaar from a Dutch group code: the first lone digit 1..6 ("1A" → 1, "v4a" → 4, "4v.netl1" → 4), else null. */
export function yearOfGroup(code: string): number | null {
  const match = /(?:^|\D)([1-6])(?!\d)/.exec(code);
  return match ? Number(match[1]) : null;
}
