/** The fleet source's cursor: the last full bundle a screen applied, and the last bundle (full or delta). */
export interface BundleCursor {
  fullSeq: number | null;
  lastSeq: number | null;
}

export const bundleCursor = (fullSeq: number, lastSeq: number) => `fleet:${fullSeq}:${lastSeq}`;

export function readBundleCursor(cursor: string | null): BundleCursor {
  const match = /^fleet:(\d+):(\d+)$/.exec(cursor ?? '');
  return match ? { fullSeq: Number(match[1]), lastSeq: Number(match[2]) } : { fullSeq: null, lastSeq: null };
}
