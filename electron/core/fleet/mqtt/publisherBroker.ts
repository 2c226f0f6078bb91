import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FleetMqttConfig } from '@shared/settings';
import type { Logger } from '../../logger';
import type { SecretStore } from '../../secrets/secretStore';
import { writeAtomically } from '../fleetFolder';
import type { Roster } from '../roster';
import type { FleetStore } from '../store/fleetStore';
import { brokerPasswordHash, brokerToken, publisherUsername } from './brokerCredentials';
import { type BrokerCredential, type EmbeddedBroker, startEmbeddedBroker } from './embeddedBroker';
import { type BrokerClient, mosquittoAcl } from './mosquittoConfig';
import { emqxAcl } from './emqxAcl';
import { senderUsername } from './senderBroker';
import { keyIdOf, publicKeyFromText } from '../keys';
import { allowed, fleetTopics } from './topics';
import { type MqttStore, mqttStore } from '../store/mqttStore';
import { brokerCa, isMqttStore, openFleetStore } from '../store/openFleetStore';
import { type FleetContext, loadRoster } from '../fleetAdmin';

/*
 * The publisher's side of the broker (docs/fleet-mqtt.md): its own connection (the folder stays the fallback); the
 * broker's users following the roster, written as Mosquitto's password and ACL files in DIR/mqtt/ for a board's own
 * broker (reloaded there with SIGHUP), or checked by the embedded broker it runs for a school without one.
 */

/** Another school of the board, watched read-only through the broker: its roster, screens' statuses and presence. */
export interface BoardSchool {
  school: string;
  publisherKey: string;
  store: MqttStore;
}

export interface PublisherBroker {
  store: FleetStore;
  board: BoardSchool[];
  /** After each signed roster: the broker's users follow it (approved screens on, revoked ones off). */
  afterRoster(roster: Roster): Promise<void>;
  embedded: EmbeddedBroker | null;
  stop(): Promise<void>;
}

export type BrokerUser = BrokerClient & { passwordHash: string };

/** How long the embedded broker trusts its copy of the roster's users before reading the roster again. */
const USERS_FRESH_MS = 3_000;

/**
 * Every user the broker knows for this school, with its password hash: the publisher (reading the board's other
 * schools too, when it watches them) and each approved screen.
 */
export function brokerUsers(school: string, publisherHash: string, roster: Roster, boardReads: readonly string[] = []): BrokerUser[] {
  return [
    { username: publisherUsername(school), role: { role: 'publisher' }, passwordHash: publisherHash, reads: boardReads },
    ...roster.screens.filter((s) => s.broker).map((s) => ({ username: s.id, role: { role: 'screen' as const, screenId: s.id }, passwordHash: s.broker! })),
    ...roster.senders.filter((s) => s.broker && !roster.revoked.includes(keyIdOf(publicKeyFromText(s.publicKey)))).map((s) => {
      const keyId = keyIdOf(publicKeyFromText(s.publicKey));
      return { username: senderUsername(keyId), role: { role: 'sender' as const, keyId }, passwordHash: s.broker! };
    }),
  ];
}

export async function startPublisherBroker(o: {
  dataDir: string;
  folder: string;
  school: string;
  mqtt: FleetMqttConfig;
  secrets: SecretStore;
  roster: () => Roster;
  log: Logger;
  /** False for a one-off command beside a running publisher: it connects, the running one keeps the broker. */
  runEmbedded?: boolean;
}): Promise<PublisherBroker> {
  const topics = fleetTopics(o.mqtt.prefix, o.school);
  const token = await brokerToken(o.secrets);
  const publisherHash = brokerPasswordHash(token);
  const files = join(o.dataDir, 'mqtt');
  const boardReads = o.mqtt.board.flatMap((b) => allowed(fleetTopics(o.mqtt.prefix, b.school), { role: 'board' }).subscribe);

  async function writeMosquittoFiles(roster: Roster): Promise<void> {
    const users = brokerUsers(o.school, publisherHash, roster, boardReads);
    await mkdir(files, { recursive: true });
    await writeAtomically(join(files, 'passwords'), Buffer.from(`${users.map((u) => `${u.username}:${u.passwordHash}`).join('\n')}\n`));
    await writeAtomically(join(files, 'acl'), Buffer.from(mosquittoAcl(topics, users)));
    await writeAtomically(join(files, 'acl.emqx.conf'), Buffer.from(emqxAcl(topics, users)));
    // Hashes only, but the broker's business alone.
    await Promise.all(['passwords', 'acl', 'acl.emqx.conf'].map((f) => chmod(join(files, f), 0o600)));
  }

  // The embedded broker's users, from the roster: after each change made here at once, and every few seconds from the
  // roster file, so a screen approved by a one-off command beside this publisher gets on too.
  let users = new Map<string, BrokerUser>();
  let usersAt = 0;
  let embedded: EmbeddedBroker | null = null;
  const follow = (roster: Roster) => {
    const before = users;
    users = new Map(brokerUsers(o.school, publisherHash, roster, boardReads).map((u) => [u.username, u]));
    usersAt = Date.now();
    for (const username of before.keys()) if (!users.has(username)) embedded?.disconnect(username);
  };
  const currentUsers = () => {
    if (Date.now() - usersAt > USERS_FRESH_MS) follow(o.roster());
    return users;
  };
  if (o.mqtt.embedded && o.runEmbedded !== false) {
    const url = new URL(o.mqtt.url);
    embedded = await startEmbeddedBroker({
      // Every interface: the screens reach it over the school's network by this PC's name.
      host: '0.0.0.0', port: Number(url.port || 1883), topics, log: o.log,
      credential: (username): BrokerCredential | null => {
        const user = currentUsers().get(username);
        return user ? { role: user.role, passwordHash: user.passwordHash } : null;
      },
    });
  } else if (!o.mqtt.embedded) {
    await writeMosquittoFiles(o.roster());
  }
  const store = await openFleetStore({
    folder: o.folder, school: o.school, mqtt: o.mqtt, role: { role: 'publisher' }, username: publisherUsername(o.school), secrets: o.secrets, log: o.log,
  });
  // The board's other schools: one read-only connection each, as this publisher's user (none without a CA it can read).
  const ca = await brokerCa(o.mqtt, o.log);
  const board = ca === false ? [] : o.mqtt.board.map((b) => ({
    ...b,
    store: mqttStore({
      url: o.mqtt.url, ca, topics: fleetTopics(o.mqtt.prefix, b.school), role: { role: 'board' }, username: publisherUsername(o.school), password: token, log: o.log,
    }),
  }));
  return {
    store,
    board,
    embedded,
    afterRoster: async (roster) => {
      if (o.mqtt.embedded) follow(roster);
      else await writeMosquittoFiles(roster);
    },
    async stop() {
      await Promise.all(board.map((b) => b.store.close()));
      await store.close();
      await embedded?.close();
    },
  };
}

/**
 * The publisher's fleet context on its broker: its writes go to the broker and the folder, its roster changes reach
 * the broker's users. Waits (up to five seconds) for the broker's retained messages, so a first look sees them.
 */
export async function attachPublisherBroker(
  ctx: FleetContext,
  o: { mqtt: FleetMqttConfig; secrets: SecretStore; log: Logger; runEmbedded?: boolean },
): Promise<PublisherBroker> {
  const broker = await startPublisherBroker({ ...o, dataDir: ctx.dataDir, folder: ctx.folder, school: ctx.school, roster: () => loadRoster(ctx) });
  Object.assign(ctx, { store: broker.store, afterRoster: broker.afterRoster });
  if (isMqttStore(broker.store) && !(await broker.store.ready(5_000))) o.log.warn('fleet.mqtt-not-yet', { url: o.mqtt.url, using: 'the folder until it connects' });
  return broker;
}
