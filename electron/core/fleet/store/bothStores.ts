import type { FleetStore } from './fleetStore';
import { headerSeq } from './fleetStore';
import type { MqttStore } from './mqttStore';

export interface BothOptions {
  /** The files this machine writes (the publisher: pub/...; a screen: its status and acknowledgements). */
  ownFiles?: () => Promise<string[]>;
  onRepublished?: (file: string) => void;
}

/*
 * A broker for push and the folder as the fallback (docs/fleet-mqtt.md, "Both"): a file with a topic is written to
 * both and read from both, the copy with the higher sequence number winning, so an alert sent while the broker was
 * away still reaches a screen through the folder, and the broker's copy wins again once it is newer. Applying twice
 * changes nothing: every reader already refuses a number it has applied. Files without a topic use the folder only.
 */
/**
 * Of two copies, the newest by sequence number (the broker's on a tie) that the reader's check accepts: a forged copy
 * with a higher number, written where someone could write, does not hide the genuine one. None accepted: the newest,
 * so the reader can say why it refused it.
 */
export function newestAccepted(copies: readonly (Buffer | null)[], accept?: (bytes: Buffer) => boolean): Buffer | null {
  const present = copies.filter((c): c is Buffer => c !== null);
  // One copy (the folder alone, nothing pushed): nothing to choose, and no check to run twice; the reader checks it.
  if (present.length < 2) return present[0] ?? null;
  present.sort((a, b) => headerSeq(b) - headerSeq(a));
  return present.find((c) => accept?.(c) ?? true) ?? present[0]!;
}

export function bothStores(mqtt: MqttStore, folder: FleetStore, o: BothOptions = {}): MqttStore {
  const settledWrite = async (both: [Promise<void>, Promise<void>]) => {
    const [viaBroker, viaFolder] = await Promise.allSettled(both);
    // Either copy is enough; only when neither could be written is it an error (the folder's says more).
    if (viaBroker.status === 'rejected' && viaFolder.status === 'rejected') throw viaFolder.reason;
  };
  // Back on the broker: what this machine wrote while it was away (or what a broker restarted without its
  // retained messages lost) is published again, where the folder's copy is newer than the broker's.
  if (o.ownFiles) {
    const ownFiles = o.ownFiles;
    mqtt.onSynced(() => void (async () => {
      for (const file of await ownFiles()) {
        const viaFolder = await folder.read(file).catch(() => null);
        if (viaFolder && headerSeq(viaFolder) > headerSeq(await mqtt.read(file))) {
          await mqtt.write(file, viaFolder).then(() => o.onRepublished?.(file), () => undefined);
        }
      }
    })());
  }
  return {
    onSynced: mqtt.onSynced,
    kind: 'mqtt+folder',
    carries: mqtt.carries,
    connected: mqtt.connected,
    ready: mqtt.ready,
    async read(file, accept) {
      if (!mqtt.carries(file)) return folder.read(file);
      const viaBroker = await mqtt.read(file);
      let folderError: unknown = null;
      const viaFolder = await folder.read(file).catch((error: unknown) => {
        folderError = error;
        return null;
      });
      if (!viaBroker && folderError) throw folderError;
      return newestAccepted([viaBroker, viaFolder], accept);
    },
    async stamp(file) {
      if (!mqtt.carries(file)) return folder.stamp(file);
      return `${await mqtt.stamp(file)}|${await folder.stamp(file).catch(() => '')}`;
    },
    async writtenAt(file) {
      const times = [await mqtt.writtenAt(file), await folder.writtenAt(file)].filter((t): t is number => t !== null);
      return times.length ? Math.max(...times) : null;
    },
    write: (file, bytes) => (mqtt.carries(file) ? settledWrite([mqtt.write(file, bytes), folder.write(file, bytes)]) : folder.write(file, bytes)),
    remove: (file) => (mqtt.carries(file) ? settledWrite([mqtt.remove(file), folder.remove(file)]) : folder.remove(file)),
    async list(dir) {
      const [viaBroker, viaFolder] = await Promise.all([mqtt.list(dir), folder.list(dir).catch(() => [])]);
      return [...new Set([...viaBroker, ...viaFolder])].sort();
    },
    watch: mqtt.watch,
    async close() {
      await Promise.all([mqtt.close(), folder.close()]);
    },
  };
}
