/*
 * Windows-1252 by hand: Node 20's TextDecoder('windows-1252') decodes 0x80-0x9F as Latin-1 control characters
 * (0x80 → U+0080 instead of €, 0x8A → U+008A instead of Š), so a teacher "Šimić" or a "€" would come out
 * garbled. Latin-1 is right for every other byte; the 27 letters in 0x80-0x9F come from the code page's table.
 * Bytes the code page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay control characters, as the WHATWG
 * Encoding Standard has them.
 */
const HIGH: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const codes = Array.from(bytes.subarray(i, i + CHUNK), (b) => (b >= 0x80 && b <= 0x9f ? HIGH[b - 0x80]! : b));
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** Labels the WHATWG Encoding Standard maps to windows-1252 (HTTP charsets say "iso-8859-1" and mean it). */
export const WINDOWS_1252_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'iso_8859-1', 'cp819', 'ibm819']);
