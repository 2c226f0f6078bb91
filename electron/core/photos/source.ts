import type { Refusal } from './refusal';
/** A file's bytes, read into memory (never written anywhere), or why they were not. */
export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; reason: Refusal };

/** One file of an import, as listed before anything is read. */
export interface SourceFile {
  /** Its path inside the ZIP, or below the chosen folder, with "/" between parts. */
  name: string;
  /** Set when the listing alone refuses it (an unsafe name, a link, too large): it is never read. */
  refusal: Refusal | null;
  read(): Promise<ReadResult>;
}

/** A folder or a ZIP, listed in full before the first byte of any file is read; or refused as a whole. */
export type OpenedSource =
  | { ok: true; files: SourceFile[]; close(): Promise<void> }
  | { ok: false; reason: Refusal };
