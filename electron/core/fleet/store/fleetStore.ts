/*
 * Where the fleet's files travel (docs/fleet-mqtt.md): the folder (folderStore.ts), a broker (mqttStore.ts), or both,
 * the broker for push and the folder as the fallback when the broker is away (bothStores.ts). Every module of the
 * fleet reads and writes through this interface by the file's path in the folder (`pub/roster.env`), so the same
 * signed envelopes go either way and every reader checks them the same.
 */

export interface FleetStore {
  /** For logs and the Screens page: "folder", "mqtt" or "mqtt+folder". */
  readonly kind: string;
  /**
   * The file's bytes, or null when there is none. An unreachable folder throws (the caller keeps what it has). With
   * two copies (bothStores.ts) the newest that `accept` passes (the reader's own signature check), else the newest.
   */
  read(file: string, accept?: (bytes: Buffer) => boolean): Promise<Buffer | null>;
  /** Changes whenever the file does ('' when absent): a reader reads again only when it changed. */
  stamp(file: string): Promise<string>;
  /** When the file was last written (ms), as far as the store can say; null when unknown. */
  writtenAt(file: string): Promise<number | null>;
  /** Replaces the file whole. */
  write(file: string, bytes: Uint8Array): Promise<void>;
  remove(file: string): Promise<void>;
  /** The envelope files (`*.env`) directly in a folder, e.g. `pub/alerts`. */
  list(dir: string): Promise<string[]>;
  /** Called with a file's path when it may have changed (pushed by a broker); the folder says nothing. */
  watch(listener: (file: string) => void): () => void;
  close(): Promise<void>;
}

/** The fleet's files by their path in the folder. */
export const fleetFile = {
  roster: 'pub/roster.env',
  bundle: 'pub/bundle.env',
  delta: 'pub/delta.env',
  commands: 'pub/commands.env',
  alerts: 'pub/alerts',
  alertOf: (senderKeyId: string) => `pub/alerts/${senderKeyId}.env`,
  ackOf: (screenId: string) => `screens/${screenId}/ack.env`,
  statusOf: (screenId: string) => `screens/${screenId}/status.env`,
  presenceOf: (screenId: string) => `screens/${screenId}/presence`,
  thumbnailOf: (screenId: string) => `screens/${screenId}/thumbnail.env`,
} as const;

/** The sequence number in an envelope's header, unchecked (for choosing between two copies; the reader checks it). */
export function headerSeq(bytes: Buffer | null): number {
  if (!bytes) return -1;
  const start = bytes.indexOf(10);
  const end = start < 0 ? -1 : bytes.indexOf(10, start + 1);
  if (end < 0) return -1;
  try {
    const seq = (JSON.parse(bytes.subarray(start + 1, end).toString('utf8')) as { seq?: unknown }).seq;
    return typeof seq === 'number' ? seq : -1;
  } catch {
    return -1;
  }
}
