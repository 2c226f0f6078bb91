import { SourceError } from '../source';

export type Separator = ',' | ';' | '\t';

export const SEPARATOR_NAMES: Readonly<Record<Separator, string>> = { ',': "','", ';': "';'", '\t': 'TAB' };

/** One record of a GPU file: its fields, trimmed, and the line it came from (1-based, for messages). */
export interface Row {
  line: number;
  fields: string[];
}

/**
 * Splits one line at `separator`, honouring `"` quotes with `""` as an escaped quote (Untis quotes text fields,
 * not numbers). Null when a quote is never closed: a garbled or cut-off line.
 */
export function splitLine(line: string, separator: Separator): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const close = line.indexOf('"', i);
        if (close < 0) return null;
        value += line.slice(i, close);
        if (line[close + 1] === '"') {
          value += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      // Anything between the closing quote and the separator is kept, as spreadsheet exports sometimes write it.
      const next = line.indexOf(separator, i);
      value += next < 0 ? line.slice(i) : line.slice(i, next);
      i = next < 0 ? line.length : next;
    } else {
      const next = line.indexOf(separator, i);
      value = next < 0 ? line.slice(i) : line.slice(i, next);
      i = next < 0 ? line.length : next;
    }
    fields.push(value.trim());
    if (i >= line.length) return fields;
    i += separator.length; // past the separator; a trailing one leaves an empty last field
    if (i === line.length) {
      fields.push('');
      return fields;
    }
  }
}

const CANDIDATES: readonly Separator[] = [';', ',', '\t'];
const SAMPLE_LINES = 50;

/**
 * The separator a file uses: Untis lets the exporter choose (`,` by default; `;` and TAB are common). The one
 * that splits the first lines into the most fields, the same number on every line, wins; ties go to `;`, `,`,
 * TAB in that order (a room name may hold a comma, rarely a semicolon).
 */
export function detectSeparator(lines: readonly string[]): Separator {
  const sample = lines.filter((l) => l.trim() !== '').slice(0, SAMPLE_LINES);
  let best: { separator: Separator; score: number } = { separator: ',', score: -1 };
  for (const separator of CANDIDATES) {
    const counts = sample.map((l) => splitLine(l, separator)?.length ?? 0);
    if (counts.length === 0) continue;
    const sorted = [...counts].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const agreeing = counts.filter((c) => c === median).length / counts.length;
    const score = median > 1 ? median * agreeing : 0;
    if (score > best.score) best = { separator, score };
  }
  return best.separator;
}

/** The text's lines (CRLF, LF or CR), without the empty ones. */
export function linesOf(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  text.split(/\r\n|\n|\r/).forEach((t, i) => {
    if (t.trim() !== '') out.push({ line: i + 1, text: t });
  });
  return out;
}

/** All records of a file; a line whose quotes never close is refused with its file and line number. */
export function readRows(fileName: string, text: string, forced: Separator | null): { rows: Row[]; separator: Separator } {
  const lines = linesOf(text);
  const separator = forced ?? detectSeparator(lines.map((l) => l.text));
  const rows: Row[] = [];
  for (const { line, text: content } of lines) {
    const fields = splitLine(content, separator);
    if (fields === null) throw new SourceError('UPSTREAM_INVALID', `${fileName}, line ${line}: a quoted field is never closed (the file is damaged or was cut off).`);
    rows.push({ line, fields });
  }
  return { rows, separator };
}
