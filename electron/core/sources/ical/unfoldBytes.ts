/**
 * RFC 5545 §3.1 folds long lines at 75 octets, not characters: an exporter may split a multi-byte UTF-8 character
 * over two lines (Outlook and some school systems do). Unfolding after decoding would turn each half into U+FFFD, so
 * folds are taken out of the bytes first: a line break (CRLF, or a bare LF or CR as some exporters write) followed by
 * one space or tab. For UTF-8 and single-byte charsets only; anything else is unfolded as text after decoding.
 */
export function unfoldBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0d && bytes[i + 1] === 0x0a && (bytes[i + 2] === 0x20 || bytes[i + 2] === 0x09)) {
      i += 2;
      continue;
    }
    if ((b === 0x0a || b === 0x0d) && (bytes[i + 1] === 0x20 || bytes[i + 1] === 0x09)) {
      i += 1;
      continue;
    }
    out[n++] = b;
  }
  return out.subarray(0, n);
}
