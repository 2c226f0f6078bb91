import { createHash, randomBytes } from 'node:crypto';
import { connect, type MqttClient } from 'mqtt';
import type { Logger } from '../../logger';
import { allowed, type FleetRole, type FleetTopics, fileOfTopic, topicOfFile } from '../mqtt/topics';
import type { FleetStore } from './fleetStore';

/*
 * The fleet over a broker (docs/fleet-mqtt.md): every file with a topic (topics.ts) is published retained at QoS 1,
 * and what this client may read is subscribed to once and kept as it arrives, so a read is a look in memory and a
 * change is pushed to `watch` within milliseconds. A screen's connection carries a Last Will on its presence topic,
 * so the broker itself says "offline" when the screen goes away without saying goodbye.
 */

export interface MqttStoreOptions {
  /** mqtt://host:port, or mqtts://host:port for a broker on another machine (TLS checked against `ca`). */
  url: string;
  ca?: Buffer | null;
  topics: FleetTopics;
  role: FleetRole;
  username: string;
  password: string;
  log: Logger;
  /** Seconds between pings: the broker says a silent client is gone after 1.5 times this. */
  keepaliveSeconds?: number;
  reconnectMs?: number;
}

export interface MqttStore extends FleetStore {
  carries(file: string): boolean;
  connected(): boolean;
  /** Resolves once the first connection took the retained messages (or after `ms`). */
  ready(ms?: number): Promise<boolean>;
  /** Called after each connection took the retained messages: the first, and each after the broker was away. */
  onSynced(listener: () => void): () => void;
}

interface Held {
  bytes: Buffer;
  stamp: string;
  at: number;
}

const PUBLISH_TIMEOUT_MS = 5_000;

export function mqttStore(o: MqttStoreOptions): MqttStore {
  const held = new Map<string, Held>();
  const listeners = new Set<(file: string) => void>();
  const presence = o.role.role === 'screen' ? o.topics.presenceOf(o.role.screenId) : null;
  const client: MqttClient = connect(o.url, {
    username: o.username, password: o.password, clientId: `${o.username}-${randomBytes(4).toString('hex')}`, protocolVersion: 4, clean: true,
    keepalive: o.keepaliveSeconds ?? 10, reconnectPeriod: o.reconnectMs ?? 2_000, connectTimeout: 5_000,
    // A screen waiting for approval is refused until the publisher lets it on: it keeps asking, not giving up.
    reconnectOnConnackError: true,
    ca: o.ca ?? undefined, rejectUnauthorized: true,
    will: presence ? { topic: presence, payload: Buffer.from('offline'), qos: 1, retain: true } : undefined,
  });
  let lastError = '';
  const synced = new Set<() => void>();
  let firstSubscribed: () => void = () => {};
  const subscribed = new Promise<void>((resolve) => (firstSubscribed = resolve));
  const whenSynced = () => {
    firstSubscribed();
    for (const listener of synced) listener();
  };

  client.on('connect', () => {
    lastError = '';
    // What the broker holds now comes again as retained messages; what it lost (a restart without persistence)
    // must not linger here as if it were still there. Kept through an outage, forgotten on the way back.
    held.clear();
    o.log.info('fleet.mqtt-connected', { url: o.url, as: o.username });
    client.subscribe(allowed(o.topics, o.role).subscribe, { qos: 1 }, (error) => {
      if (error) o.log.warn('fleet.mqtt-subscribe-failed', { reason: error.message });
      // Retained messages arrive right after the subscription is granted; a moment later the picture is whole.
      else setTimeout(whenSynced, 200);
    });
    if (presence) client.publish(presence, 'online', { qos: 1, retain: true });
  });
  client.on('message', (topic, payload) => {
    const file = fileOfTopic(o.topics, topic);
    if (!file) return;
    // An empty retained message clears the topic (the publisher took the file away).
    if (payload.length === 0) held.delete(file);
    else {
      // The stamp is the content's: the same retained message again after a reconnect is no change to read again.
      const stamp = createHash('sha256').update(payload).digest('base64url').slice(0, 22);
      if (held.get(file)?.stamp === stamp) return;
      held.set(file, { bytes: payload, stamp, at: Date.now() });
    }
    for (const listener of listeners) listener(file);
  });
  client.on('error', (error) => {
    // Said once per cause, not at every reconnect: a wrong password would otherwise fill the log.
    if (error.message === lastError) return;
    lastError = error.message;
    o.log.warn('fleet.mqtt-error', { url: o.url, reason: error.message });
  });
  client.on('offline', () => o.log.warn('fleet.mqtt-offline', { url: o.url }));

  const topicOf = (file: string) => {
    const topic = topicOfFile(o.topics, file);
    if (!topic) throw new Error(`${file} does not travel over MQTT`);
    return topic;
  };
  const publish = (topic: string, bytes: Uint8Array) => new Promise<void>((resolve, reject) => {
    if (!client.connected) return reject(new Error(`the broker ${o.url} is not connected`));
    const timer = setTimeout(() => reject(new Error(`the broker ${o.url} did not confirm within ${PUBLISH_TIMEOUT_MS / 1000} s`)), PUBLISH_TIMEOUT_MS);
    client.publish(topic, Buffer.from(bytes), { qos: 1, retain: true }, (error) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    });
  });

  return {
    kind: 'mqtt',
    carries: (file) => topicOfFile(o.topics, file) !== null,
    connected: () => client.connected,
    ready: (ms = 5_000) => Promise.race([subscribed.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref())]),
    read: async (file) => held.get(file)?.bytes ?? null,
    stamp: async (file) => held.get(file)?.stamp ?? '',
    writtenAt: async (file) => held.get(file)?.at ?? null,
    async write(file, bytes) {
      await publish(topicOf(file), bytes);
    },
    async remove(file) {
      await publish(topicOf(file), new Uint8Array(0));
      held.delete(file);
    },
    list: async (dir) => [...held.keys()]
      .filter((file) => file.startsWith(`${dir}/`) && !file.slice(dir.length + 1).includes('/') && file.endsWith('.env'))
      .map((file) => file.slice(dir.length + 1))
      .sort(),
    watch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onSynced(listener) {
      synced.add(listener);
      return () => synced.delete(listener);
    },
    async close() {
      // A screen that stops on purpose says so itself: its Last Will is only for going away unannounced.
      if (presence && client.connected) await publish(presence, Buffer.from('offline')).catch(() => undefined);
      await client.endAsync(true).catch(() => undefined);
    },
  };
}
