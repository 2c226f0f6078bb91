import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { unsafeArchiveName } from './entryName';
import { forEachTimeSliced } from './timeSliced';
import { formatBytes, type PhotoLimits } from './limits';
import type { OpenedSource, ReadResult, SourceFile } from './source';
import { type Refusal, refusal } from './refusal';

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const MSDOS_DIRECTORY = 0x10;

type ZipLimits = Pick<PhotoLimits, 'maxFiles' | 'maxFileBytes' | 'maxTotalBytes' | 'maxCompressionRatio' | 'ratioCheckFromBytes'>;

export type EntryRead = ReadResult & { bytesRead: number };

const openZip = (path: string) => new Promise<ZipFile>((resolve, reject) => {
  // decodeStrings: false, because yauzl's own name check fails the WHOLE archive on the first bad name; we decode
  // and check each name ourselves (entryName.ts) and refuse only that entry. validateEntrySizes makes the inflater
  // stop the moment an entry unpacks to more than it declared: a bomb with lying sizes is stopped, not inflated.
  yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: true }, (error, zip) => {
    if (error) reject(error);
    else resolve(zip);
  });
});

/** Reads the central directory only: names, sizes and attributes. No entry data is touched. */
function listEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    const onEntry = (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    };
    const done = (error?: Error) => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', done);
      if (error) reject(error);
      else resolve(entries);
    };
    const onEnd = () => done();
    zip.on('entry', onEntry);
    zip.once('end', onEnd);
    zip.once('error', done);
    zip.readEntry();
  });
}

function entryName(entry: Entry): string {
  // strictFileNames: keep backslashes as they are, so that "..\\evil.jpg" is seen and refused, not rewritten.
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
}

type Classified = { kind: 'directory' } | { kind: 'file'; refusal: Refusal | null };

/** Everything the central directory tells about an entry, judged before reading it. */
function classify(entry: Entry, name: string, limits: ZipLimits): Classified {
  const unsafe = unsafeArchiveName(name);
  const mode = entry.externalFileAttributes >>> 16;
  const type = mode & S_IFMT;
  const isDirectory = name.endsWith('/') || type === S_IFDIR || (type === 0 && (entry.externalFileAttributes & MSDOS_DIRECTORY) !== 0);
  if (unsafe) return { kind: 'file', refusal: refusal('unsafeName', unsafe) };
  // Unix file types travel in the upper 16 bits of the external attributes, whoever made the archive.
  if (type === S_IFLNK) return { kind: 'file', refusal: refusal('link', 'The entry is a symbolic link; links are never followed: refused.') };
  if (isDirectory) return { kind: 'directory' };
  if (type !== 0 && type !== S_IFREG) return { kind: 'file', refusal: refusal('notAFile', 'The entry is not an ordinary file (a device, pipe or socket): refused.') };
  if ((entry.generalPurposeBitFlag & 0x1) !== 0) return { kind: 'file', refusal: refusal('encrypted', 'The entry is password-protected: not read.') };
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    return { kind: 'file', refusal: refusal('unsupportedPacking', `The entry is packed with a compression method (${entry.compressionMethod}) that is not supported: not read.`) };
  }
  if (entry.uncompressedSize > limits.maxFileBytes) {
    return { kind: 'file', refusal: refusal('tooLarge', `The entry unpacks to ${formatBytes(entry.uncompressedSize)}, more than the ${formatBytes(limits.maxFileBytes)} allowed per photo: not read.`) };
  }
  if (entry.uncompressedSize >= limits.ratioCheckFromBytes && entry.uncompressedSize > limits.maxCompressionRatio * Math.max(1, entry.compressedSize)) {
    const ratio = Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize));
    return { kind: 'file', refusal: refusal('zipBomb', `The entry unpacks to ${ratio} times its packed size; photos barely compress, so this looks like a ZIP bomb: not read.`) };
  }
  return { kind: 'file', refusal: null };
}

function readFailure(message: string): Refusal {
  if (/too many bytes|not enough bytes|size mismatch/i.test(message)) {
    return refusal('zipBomb', 'The entry does not unpack to the size the archive declares (a ZIP bomb or a damaged archive): refused.');
  }
  return refusal('damaged', `The entry could not be unpacked; the archive is damaged (${message.slice(0, 120)}).`);
}

/**
 * Reads one entry into memory, and stops as soon as it is larger than declared or than the per-photo limit
 * (yauzl checks the declared size too; this is the second lock, and the one that counts what was read).
 */
export async function readEntry(zip: ZipFile, entry: Entry, maxBytes: number): Promise<EntryRead> {
  const limit = Math.min(entry.uncompressedSize, maxBytes);
  let stream: Readable;
  try {
    stream = await new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))));
  } catch (error) {
    return { ok: false, reason: readFailure((error as Error).message), bytesRead: 0 };
  }
  const chunks: Buffer[] = [];
  let bytesRead = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      if (bytesRead > limit) {
        stream.destroy();
        return { ok: false, reason: refusal('zipBomb', 'The entry unpacks to more than it declares or than a photo may be: refused.'), bytesRead };
      }
      chunks.push(chunk);
    }
  } catch (error) {
    stream.destroy();
    return { ok: false, reason: readFailure((error as Error).message), bytesRead };
  }
  return { ok: true, bytes: Buffer.concat(chunks, bytesRead), bytesRead };
}

/**
 * A ZIP as an import source. The archive as a whole is refused when it is not a ZIP we can read, has more entries
 * than a photo export could, or declares more than the total limit; all of that is known from its central
 * directory, before anything is unpacked. Entries are read one by one into memory: nothing is extracted.
 */
export async function openZipSource(path: string, limits: ZipLimits): Promise<OpenedSource> {
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch (error) {
    return { ok: false, reason: refusal('notZip', `This is not a ZIP file that can be read (${(error as Error).message.slice(0, 120)}).`) };
  }
  // yauzl may report a broken file later, on the ZipFile itself; such errors reach the entry being read.
  zip.on('error', () => undefined);
  const close = async () => zip.close();
  if (zip.entryCount > limits.maxFiles) {
    await close();
    return { ok: false, reason: refusal('tooManyFiles', `The ZIP holds ${zip.entryCount} entries, more than the ${limits.maxFiles} a photo export could have: nothing was read.`) };
  }
  let entries: Entry[];
  try {
    entries = await listEntries(zip);
  } catch (error) {
    await close();
    return { ok: false, reason: refusal('damaged', `The ZIP file is damaged; its list of contents cannot be read (${(error as Error).message.slice(0, 120)}).`) };
  }

  const files: SourceFile[] = [];
  let declaredTotal = 0;
  let readTotal = 0;
  // One entry stream at a time. yauzl's fd-slicer queues reads of all streams of a ZipFile; a stream destroyed while
  // its read waits behind another stream's (as a bomb's is) throws on a null context, outside any promise: an
  // uncaught exception. Reading in turn avoids that; decoding still overlaps with reading the next entry.
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(read: () => Promise<T>): Promise<T> => {
    const run = turn.then(read);
    turn = run.catch(() => undefined);
    return run;
  };
  await forEachTimeSliced(entries, (entry) => {
    const name = entryName(entry);
    const judged = classify(entry, name, limits);
    if (judged.kind === 'directory') return;
    // Only what would be read counts: an entry refused on its own is not held against the rest.
    if (judged.refusal === null) declaredTotal += entry.uncompressedSize;
    files.push({
      name,
      refusal: judged.refusal,
      read: () => inTurn(async () => {
        if (readTotal > limits.maxTotalBytes) return { ok: false, reason: refusal('tooLarge', `The ZIP unpacks to more than ${formatBytes(limits.maxTotalBytes)} in all: not read.`) };
        const result = await readEntry(zip, entry, limits.maxFileBytes);
        readTotal += result.bytesRead;
        return result;
      }),
    });
  });
  if (declaredTotal > limits.maxTotalBytes) {
    await close();
    return { ok: false, reason: refusal('tooLarge', `The ZIP unpacks to ${formatBytes(declaredTotal)} in all, more than the ${formatBytes(limits.maxTotalBytes)} an import may be: nothing was read.`) };
  }
  return { ok: true, files, close };
}
