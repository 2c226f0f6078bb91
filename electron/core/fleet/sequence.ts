import { ownHeader } from './envelope';
import type { FleetStore } from './store/fleetStore';
import type { FleetKeyPair } from './keys';

/**
 * A signer's sequence numbers for one stream of files: after a restart they go on above the folder's own files, and
 * above the clock, which only moves on; so a restart or a clock set back never reuses a number a reader has applied.
 */
export function createSequence(store: Pick<FleetStore, 'read'>, files: readonly string[], key: FleetKeyPair, now: () => number) {
  let lastSeq = 0;
  return async function nextSeq(): Promise<number> {
    if (lastSeq === 0) {
      for (const file of files) {
        const bytes = await store.read(file);
        const header = bytes ? ownHeader(bytes, key.publicKey) : null;
        if (header) lastSeq = Math.max(lastSeq, header.seq);
      }
    }
    lastSeq = Math.max(lastSeq + 1, now());
    return lastSeq;
  };
}
