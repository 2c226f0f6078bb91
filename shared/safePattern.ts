/**
 * Regular expressions an administrator types (a feed's field rule, a photo file-name pattern) run on text others
 * control: a feed's events, a photographer's file names. A pattern whose running time can explode on a crafted
 * input (catastrophic backtracking) would freeze every sync or the import. This refuses the classic shape of such
 * patterns — a repeated group that itself repeats, like (a+)+ or ((?:\w+\s?)+) — before it is ever saved.
 */
export function patternProblem(source: string): string | null {
  if (source.length > 200) return 'the pattern is longer than 200 characters';
  try {
    new RegExp(source, 'u');
  } catch {
    try {
      new RegExp(source);
    } catch (error) {
      return `the pattern is not a valid regular expression (${(error as Error).message})`;
    }
  }
  return nestedRepetition(source) ? 'the pattern repeats a group that itself repeats (like (a+)+), which can take forever on some text' : null;
}

const QUANTIFIER = /^(?:[*+]|\{\d+,\d*\})/;

/** Does a quantified group contain a quantifier of its own? A small scanner: escapes and classes skipped. */
function nestedRepetition(source: string): boolean {
  // For each open group: whether a quantifier occurs inside it.
  const stack: boolean[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      continue;
    }
    if (c === '(') {
      stack.push(false);
      continue;
    }
    if (c === ')') {
      const inner = stack.pop() ?? false;
      const after = source.slice(i + 1);
      if (inner && QUANTIFIER.test(after)) return true;
      // A quantified group counts as a quantifier inside the group around it.
      if (stack.length && (inner || QUANTIFIER.test(after))) stack[stack.length - 1] = true;
      continue;
    }
    if ((c === '*' || c === '+' || (c === '{' && QUANTIFIER.test(source.slice(i)))) && stack.length) stack[stack.length - 1] = true;
  }
  return false;
}
