import { RE2JS } from 're2js';

/**
 * Patterns an administrator types (a feed's field rule, a photo file-name pattern) run on text that others control:
 * a feed's events, a photographer's file names. JavaScript's own engine backtracks, and some patterns ("(\w|\d)+$",
 * "^(?:\w?\d?)+$") then take minutes on a short crafted line, freezing a sync or the import. RE2 (here its pure
 * JavaScript port) matches in time linear in the text, whatever the pattern; in exchange it has no look-around and
 * no back-references, which file names and feed fields never need.
 */

export const PATTERN_MAX = 200;

export class AdminPatternError extends Error {
  override name = 'AdminPatternError';
}

export interface AdminPattern {
  /** The first match's first group (or the whole match, for a pattern without groups); null when nothing matches. */
  first(text: string): string | null;
  /** The same for every match, left to right, at most `max`. */
  all(text: string, max: number): string[];
}

/** Compiles a pattern, or throws an AdminPatternError that says in plain words what is wrong with it. */
export function compileAdminPattern(source: string, options: { caseInsensitive?: boolean; multiline?: boolean } = {}): AdminPattern {
  if (source.length > PATTERN_MAX) throw new AdminPatternError(`the pattern is longer than ${PATTERN_MAX} characters`);
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, (options.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0) | (options.multiline ? RE2JS.MULTILINE : 0));
  } catch (error) {
    // RE2's own words ("missing closing )", "invalid or unsupported Perl syntax: `(?=`"), without its prefix.
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    throw new AdminPatternError(`the pattern is not a valid regular expression (${reason.slice(0, 120)})`);
  }
  const valueOf = (m: ReturnType<RE2JS['matcher']>) => (m.groupCount() >= 1 ? m.group(1) : m.group());
  return {
    first(text) {
      const m = re.matcher(text);
      return m.find() ? valueOf(m) : null;
    },
    all(text, max) {
      const out: string[] = [];
      const m = re.matcher(text);
      // RE2's matcher moves past an empty match by itself, so this ends on any text.
      while (out.length < max && m.find()) {
        const value = valueOf(m);
        if (value !== null) out.push(value);
      }
      return out;
    },
  };
}

/** What is wrong with a pattern, or null when it can be used. */
export function patternProblem(source: string): string | null {
  try {
    compileAdminPattern(source);
    return null;
  } catch (error) {
    if (error instanceof AdminPatternError) return error.message;
    throw error;
  }
}
