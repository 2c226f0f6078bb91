/**
 * One line of a CSV file the school opens in Excel (Dutch Excel reads ";" as the separator): a cell is quoted only
 * where it holds a separator, a quote or a line break, and a cell that would start a formula (=, +, -, @) is
 * defused with a leading apostrophe, as the core's audit export does: file names in a photo report come from a ZIP
 * the school did not make.
 */
export function csvLine(cells: readonly string[]): string {
  return cells.map((text) => {
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  }).join(';');
}

/** The whole file: a byte order mark (so Excel reads UTF-8), CRLF lines. */
export const csvFile = (rows: readonly (readonly string[])[]): string => `\uFEFF${rows.map(csvLine).join('\r\n')}\r\n`;
