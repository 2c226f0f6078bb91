import { createServer, type Server } from 'node:net';
import { Aedes, type Client } from 'aedes';
import type { Logger } from '../../logger';
import { passwordHashAccepts } from './mosquittoConfig';
import { type FleetRole, type FleetTopics, mayPublish, maySubscribe } from './topics';

/*
 * An MQTT broker inside the publisher (docs/fleet-mqtt.md), for a school with no broker of its own: Aedes, on the
 * address given, with the same rules as the Mosquitto ACL a board would install (topics.ts): each client signs in
 * with its own name and token (checked against its Mosquitto password hash), and may publish and subscribe only where its role allows.
 */

export interface BrokerCredential {
  role: FleetRole;
  /** The client's Mosquitto password hash (mosquittoConfig.ts): the same credential works on a board's Mosquitto. */
  passwordHash: string;
}

export interface EmbeddedBroker {
  port: number;
  /** Clients connected now, for the publisher's figures. */
  connected(): number;
  /** Ends the connections of a user no longer allowed on (a revoked screen): it cannot sign in again either. */
  disconnect(username: string): void;
  close(): Promise<void>;
}

export async function startEmbeddedBroker(o: {
  host: string;
  port: number;
  topics: FleetTopics;
  credential: (username: string) => BrokerCredential | null;
  log: Logger;
}): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker();
  const roles = new WeakMap<Client, FleetRole>();
  const byUser = new Map<string, Set<Client>>();
  aedes.authenticate = (client, username, password, done) => {
    const known = username ? o.credential(username) : null;
    const ok = known !== null && password !== undefined && passwordHashAccepts(known.passwordHash, password.toString());
    if (ok) {
      roles.set(client, known.role);
      byUser.set(username!, (byUser.get(username!) ?? new Set()).add(client));
    } else o.log.warn('fleet.mqtt-refused', { client: client.id, username: username ?? null, reason: 'unknown name or wrong token' });
    done(null, ok);
  };
  aedes.authorizePublish = (client, packet, done) => {
    // A Last Will published for a client already gone comes without one; it was checked when that client connected.
    const role = client ? roles.get(client) : undefined;
    if (client === null || (role && mayPublish(o.topics, role, packet.topic))) return done(null);
    o.log.warn('fleet.mqtt-refused', { client: client?.id ?? null, topic: packet.topic, reason: 'may not publish there' });
    done(new Error(`may not publish to ${packet.topic}`));
  };
  aedes.authorizeSubscribe = (client, subscription, done) => {
    const role = roles.get(client);
    if (role && maySubscribe(o.topics, role, subscription.topic)) return done(null, subscription);
    o.log.warn('fleet.mqtt-refused', { client: client.id, topic: subscription.topic, reason: 'may not subscribe there' });
    done(new Error(`may not subscribe to ${subscription.topic}`), null);
  };
  aedes.on('clientDisconnect', (client) => {
    for (const clients of byUser.values()) clients.delete(client);
  });
  // Will messages are checked like any publish: a screen's Will may only be its own status.
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  o.log.info('fleet.mqtt-broker-started', { host: o.host, port });
  return {
    port,
    connected: () => aedes.connectedClients,
    disconnect: (username) => {
      for (const client of byUser.get(username) ?? []) client.close();
      byUser.delete(username);
    },
    close: () => new Promise<void>((resolve) => {
      aedes.close(() => server.close(() => resolve()));
    }),
  };
}
