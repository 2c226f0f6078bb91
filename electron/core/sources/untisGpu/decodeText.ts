import { TextDecoder } from 'node:util';
import { SourceError } from '../source';
import { decodeWindows1252 } from '../common/windows1252';

export type ForcedEncoding = 'auto' | 'utf-8' | 'windows-1252';
export type GpuEncoding = 'UTF-8' | 'Windows-1252' | 'UTF-16LE' | 'UTF-16BE';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes of an export file → text. Untis writes "ANSI" (Windows-1252 on Dutch and German Windows) unless the
 * export dialog's "Encoding: UTF-8" box is ticked, and says neither in the file. A byte-order mark decides; else
 * text that is valid UTF-8 is UTF-8 (Windows-1252 text with é or ü practically never is), and anything else is
 * Windows-1252, which can decode every byte. A forced setting is obeyed, and refused when the bytes say otherwise.
 */
export function decodeExport(bytes: Uint8Array, forced: ForcedEncoding, fileName: string): { text: string; encoding: GpuEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: utf8.decode(bytes.subarray(3)), encoding: 'UTF-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  if (bytes.includes(0)) {
    throw new SourceError('UPSTREAM_INVALID', `${fileName} is not a text export (it holds NUL bytes: UTF-16 without a byte-order mark, or not a GPU file at all).`);
  }
  if (forced === 'windows-1252') return { text: decodeWindows1252(bytes), encoding: 'Windows-1252' };
  try {
    return { text: utf8.decode(bytes), encoding: 'UTF-8' };
  } catch {
    if (forced === 'utf-8') {
      throw new SourceError('UPSTREAM_INVALID', `${fileName} is not UTF-8 (letters such as é or ü are written in another encoding); set the encoding to "windows-1252" or "auto".`);
    }
    return { text: decodeWindows1252(bytes), encoding: 'Windows-1252' };
  }
}
