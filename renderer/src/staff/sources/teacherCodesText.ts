/*
 * The administrator's codes for teachers an iCalendar feed names in full, typed one a line as "Bouke Bruinsma = BRU".
 * A text area rather than a table: schools paste these lists from a spreadsheet. The core checks them again.
 */

export interface TeacherCodeRule {
  name: string;
  code: string;
}

/** The first line that is not "full name = CODE" (1-based), or null when every line is. Empty lines are skipped. */
export function teacherCodesProblem(text: string): number | null {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line !== '' && parseLine(line) === null) return i + 1;
  }
  return null;
}

function parseLine(line: string): TeacherCodeRule | null {
  const at = line.lastIndexOf('=');
  if (at < 0) return null;
  const name = line.slice(0, at).trim().replace(/\s+/g, ' ');
  const code = line.slice(at + 1).trim();
  if (!/\s/.test(name) || name.length > 120 || code === '' || /\s/.test(code) || code.length > 12) return null;
  return { name, code };
}

export function parseTeacherCodes(text: string): TeacherCodeRule[] {
  return text.split('\n').map((l) => parseLine(l.trim())).filter((r): r is TeacherCodeRule => r !== null);
}

export const formatTeacherCodes = (rules: readonly TeacherCodeRule[]): string => rules.map((r) => `${r.name} = ${r.code}`).join('\n');
