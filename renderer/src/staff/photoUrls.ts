/**
 * Photos live in the page only as object URLs made here, and every one of them is revoked when its photo leaves
 * the screen (or the page locks): the renderer keeps no photo it no longer shows.
 */
const live = new Set<string>();

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A blob: URL for a photo from `pupils.photo`; the caller drops the base64 text after this. */
export function createPhotoUrl(mime: string, base64: string): string {
  const url = URL.createObjectURL(new Blob([bytesOf(base64)], { type: mime }));
  live.add(url);
  return url;
}

export function releasePhotoUrl(url: string | null | undefined): void {
  if (!url || !live.delete(url)) return;
  URL.revokeObjectURL(url);
}

export function releaseAllPhotoUrls(): void {
  for (const url of [...live]) releasePhotoUrl(url);
}

/** How many photo URLs are alive: for tests, and a check that nothing leaks. */
export function livePhotoUrlCount(): number {
  return live.size;
}
