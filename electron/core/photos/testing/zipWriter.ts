import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A small ZIP writer for tests, so that hostile archives can be built exactly: names no archiver would write,
 * Unix modes (symlinks), and declared sizes that lie. Test code only; the app never writes ZIPs.
 */
export interface ZipEntrySpec {
  name: string;
  data?: Buffer;
  /** Default: deflate. */
  method?: 'store' | 'deflate';
  /** Already-deflated bytes (raw deflate) to store as the entry's data, e.g. a bomb built without inflating it. */
  raw?: Buffer;
  /** What the archive declares; default: the truth. */
  uncompressedSize?: number;
  compressedSize?: number;
  /** A Unix st_mode (e.g. 0o120777 for a symlink): written in the external attributes, "made by" Unix. */
  unixMode?: number;
  crc?: number;
  /** Sets the "encrypted" flag (the data is not actually encrypted). */
  encrypted?: boolean;
}

export interface ZipOptions {
  /** Extra central-directory records pointing at entry `of`'s local header (overlapping entries, entry floods). */
  copies?: { of: number; count: number; name: (i: number) => string };
}

const DOS_DATE_1980 = 0x21;

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}
function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}

interface Written {
  spec: ZipEntrySpec;
  name: Buffer;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  offset: number;
}

/** UTF-8 names (bit 11), and bit 0 for "encrypted". */
const flagsOf = (spec: ZipEntrySpec) => 0x800 | (spec.encrypted ? 1 : 0);

function central(w: Written, name: Buffer): Buffer {
  const madeBy = w.spec.unixMode !== undefined ? (3 << 8) | 30 : 20;
  return Buffer.concat([
    u32(0x02014b50), u16(madeBy), u16(20), u16(flagsOf(w.spec)), u16(w.method), u16(0), u16(DOS_DATE_1980),
    u32(w.crc), u32(w.compressedSize), u32(w.uncompressedSize), u16(name.length), u16(0), u16(0), u16(0), u16(0),
    u32(w.spec.unixMode !== undefined ? w.spec.unixMode * 0x10000 : 0), u32(w.offset), name,
  ]);
}

export function buildZip(entries: ZipEntrySpec[], options: ZipOptions = {}): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  const written: Written[] = [];
  for (const spec of entries) {
    const data = spec.data ?? Buffer.alloc(0);
    const method = spec.method === 'store' ? 0 : 8;
    const body = spec.raw ?? (method === 8 ? deflateRawSync(data) : data);
    const name = Buffer.from(spec.name, 'utf8');
    const w: Written = {
      spec, name, method, crc: spec.crc ?? crc32(data), offset,
      compressedSize: spec.compressedSize ?? body.length, uncompressedSize: spec.uncompressedSize ?? data.length,
    };
    const local = Buffer.concat([
      u32(0x04034b50), u16(20), u16(flagsOf(spec)), u16(method), u16(0), u16(DOS_DATE_1980),
      u32(w.crc), u32(w.compressedSize), u32(w.uncompressedSize), u16(name.length), u16(0), name,
    ]);
    parts.push(local, body);
    offset += local.length + body.length;
    written.push(w);
  }
  const cdStart = offset;
  const records = written.map((w) => central(w, w.name));
  if (options.copies) {
    const base = written[options.copies.of]!;
    for (let i = 0; i < options.copies.count; i++) records.push(central(base, Buffer.from(options.copies.name(i), 'utf8')));
  }
  const cd = Buffer.concat(records);
  parts.push(cd);
  const count = records.length;
  if (count > 0xfffe) {
    // ZIP64: the entry count does not fit the classic end record.
    const zip64At = cdStart + cd.length;
    parts.push(
      u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(count), u64(count), u64(cd.length), u64(cdStart),
      u32(0x07064b50), u32(0), u64(zip64At), u32(1),
      u32(0x06054b50), u16(0), u16(0), u16(0xffff), u16(0xffff), u32(cd.length), u32(cdStart), u16(0),
    );
  } else {
    parts.push(u32(0x06054b50), u16(0), u16(0), u16(count), u16(count), u32(cd.length), u32(cdStart), u16(0));
  }
  return Buffer.concat(parts);
}

/**
 * Raw deflate of `megabytes` MB of zeros, made without ever holding them: one fully flushed 1 MB block repeated
 * (each block stands alone after a full flush), then an empty final block. About 1 KB per MB.
 */
export function deflatedZeros(megabytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: 3 /* Z_FULL_FLUSH */ });
  return Buffer.concat([...Array.from({ length: megabytes }, () => block), deflateRawSync(Buffer.alloc(0))]);
}
