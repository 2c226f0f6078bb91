/**
 * What one import may cost. A photo export of a large school is a few thousand JPEGs of well under 1 MB each;
 * everything here is far above that and far below what would hurt a staff-room PC.
 */
export interface PhotoLimits {
  /** Files in one import (folder or ZIP). More than this is not a photo export. */
  maxFiles: number;
  /** One file, as read into memory (a ZIP entry's uncompressed size). */
  maxFileBytes: number;
  /** All entries of one ZIP together, uncompressed, as the archive declares them. */
  maxTotalBytes: number;
  /** Uncompressed : compressed, for ZIP entries large enough to matter. JPEG and PNG barely compress. */
  maxCompressionRatio: number;
  /** Entries smaller than this are not held to the ratio: they cannot hurt, and tiny files compress oddly. */
  ratioCheckFromBytes: number;
  /** Width x height of an input image; also handed to sharp as limitInputPixels. */
  maxPixels: number;
  /** A photo smaller than this on either side is too small to recognise anyone by. */
  minSide: number;
  /** The stored photo fits inside this box (never enlarged). 3:4, the pasfoto shape. */
  outputWidth: number;
  outputHeight: number;
  jpegQuality: number;
  /** Photos written per transaction. */
  batchSize: number;
  /** Files decoded at the same time (sharp works in its own threads). */
  concurrency: number;
}

export const DEFAULT_LIMITS: PhotoLimits = Object.freeze({
  maxFiles: 20_000,
  maxFileBytes: 25 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxCompressionRatio: 100,
  ratioCheckFromBytes: 64 * 1024,
  maxPixels: 25_000_000,
  minSide: 32,
  outputWidth: 480,
  outputHeight: 640,
  jpegQuality: 82,
  batchSize: 25,
  concurrency: 2,
});

/** "25 MB", "2 GB": sizes in reasons a school administrator reads. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
