import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FleetMqttConfig } from '@shared/settings';
import type { Logger } from '../../logger';
import type { SecretStore } from '../../secrets/secretStore';
import { writeAtomically } from '../fleetFolder';
import type { Roster } from '../roster';
import type { FleetStore } from '../store/fleetStore';
import { openFleetStore } from '../store/openFleetStore';
import { brokerPasswordHash, brokerToken, publisherUsername } from './brokerCredentials';
import { type BrokerCredential, type EmbeddedBroker, startEmbeddedBroker } from './embeddedBroker';
import { type BrokerClient, mosquittoAcl } from './mosquittoConfig';
import { fleetTopics } from './topics';

/*
 * The publisher's side of the broker (docs/fleet-mqtt.md): its own connection (the folder stays the fallback); the
 * broker's users following the roster, written as Mosquitto's password and ACL files in DIR/mqtt/ for a board's own
 * broker (reloaded there with SIGHUP), or checked by the embedded broker it runs for a school without one.
 */

export interface PublisherBroker {
  store: FleetStore;
  /** After each signed roster: the broker's users follow it (approved screens on, revoked ones off). */
  afterRoster(roster: Roster): Promise<void>;
  embedded: EmbeddedBroker | null;
  stop(): Promise<void>;
}

/** Every user the broker knows for this school, with its password hash: the publisher and each approved screen. */
export function brokerUsers(school: string, publisherHash: string, roster: Roster): (BrokerClient & { passwordHash: string })[] {
  return [
    { username: publisherUsername(school), role: { role: 'publisher' }, passwordHash: publisherHash },
    ...roster.screens.filter((s) => s.broker).map((s) => ({ username: s.id, role: { role: 'screen' as const, screenId: s.id }, passwordHash: s.broker! })),
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
}): Promise<PublisherBroker> {
  const topics = fleetTopics(o.mqtt.prefix, o.school);
  const publisherHash = brokerPasswordHash(await brokerToken(o.secrets));
  const files = join(o.dataDir, 'mqtt');

  async function writeMosquittoFiles(roster: Roster): Promise<void> {
    const users = brokerUsers(o.school, publisherHash, roster);
    await mkdir(files, { recursive: true });
    await writeAtomically(join(files, 'passwords'), Buffer.from(`${users.map((u) => `${u.username}:${u.passwordHash}`).join('\n')}\n`));
    await writeAtomically(join(files, 'acl'), Buffer.from(mosquittoAcl(topics, users)));
    // Hashes only, but the broker's business alone.
    await Promise.all(['passwords', 'acl'].map((f) => chmod(join(files, f), 0o600)));
  }

  let users = new Map(brokerUsers(o.school, publisherHash, o.roster()).map((u) => [u.username, u]));
  let embedded: EmbeddedBroker | null = null;
  if (o.mqtt.embedded) {
    const url = new URL(o.mqtt.url);
    embedded = await startEmbeddedBroker({
      // Every interface: the screens reach it over the school's network by this PC's name.
      host: '0.0.0.0', port: Number(url.port || 1883), topics, log: o.log,
      credential: (username): BrokerCredential | null => {
        const user = users.get(username);
        return user ? { role: user.role, passwordHash: user.passwordHash } : null;
      },
    });
  } else {
    await writeMosquittoFiles(o.roster());
  }
  const store = await openFleetStore({
    folder: o.folder, school: o.school, mqtt: o.mqtt, role: { role: 'publisher' }, username: publisherUsername(o.school), secrets: o.secrets, log: o.log,
  });
  return {
    store,
    embedded,
    afterRoster: async (roster) => {
      const before = users;
      users = new Map(brokerUsers(o.school, publisherHash, roster).map((u) => [u.username, u]));
      if (!embedded) return writeMosquittoFiles(roster);
      for (const username of before.keys()) if (!users.has(username)) embedded.disconnect(username);
    },
    async stop() {
      await store.close();
      await embedded?.close();
    },
  };
}
