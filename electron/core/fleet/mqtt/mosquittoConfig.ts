import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { allowed, type FleetRole, type FleetTopics } from './topics';

/*
 * What a school board's own Mosquitto needs for a fleet (docs/fleet-mqtt.md): a password file line per client and an
 * ACL with the same rules as the embedded broker (topics.ts), so a screen's credentials can publish only its own
 * status and acknowledgements and read only its school's published topics. Mosquitto refuses what the ACL does not
 * grant; every envelope is still checked by signature at the reader.
 */

export interface BrokerClient {
  username: string;
  role: FleetRole;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** One line of a Mosquitto 2 password file: PBKDF2-SHA512, 101 rounds, a 12-byte salt, as `mosquitto_passwd` writes. */
export function mosquittoPasswordLine(username: string, password: string, salt: Buffer = randomBytes(12)): string {
  if (!USERNAME.test(username)) throw new Error(`"${username}" cannot be a broker user name`);
  const hash = pbkdf2Sync(password, salt, 101, 64, 'sha512');
  return `${username}:$7$101$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** The ACL file: per user, the topics it may write and read; nothing else (Mosquitto denies by default with an ACL file). */
export function mosquittoAcl(topics: FleetTopics, clients: readonly BrokerClient[]): string {
  const blocks = clients.map((c) => {
    if (!USERNAME.test(c.username)) throw new Error(`"${c.username}" cannot be a broker user name`);
    const may = allowed(topics, c.role);
    return [`user ${c.username}`, ...may.publish.map((t) => `topic write ${t}`), ...may.subscribe.map((t) => `topic read ${t}`)].join('\n');
  });
  return `# Gangbord fleet ${topics.base}: written by the publisher; one block per screen, sender and publisher.\n\n${blocks.join('\n\n')}\n`;
}
