import { pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
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
  /** Topic filters it may read besides its role's: a board's publisher desk reads other schools' screens. */
  reads?: readonly string[];
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,99}$/;

/** One line of a Mosquitto 2 password file: PBKDF2-SHA512, 101 rounds, a 12-byte salt, as `mosquitto_passwd` writes. */
export function mosquittoPasswordLine(username: string, password: string, salt: Buffer = randomBytes(12)): string {
  if (!USERNAME.test(username)) throw new Error(`"${username}" cannot be a broker user name`);
  return `${username}:${mosquittoPasswordHash(password, salt)}`;
}

/** The part of the line after the user name: `$7$101$<salt>$<hash>`. */
export function mosquittoPasswordHash(password: string, salt: Buffer = randomBytes(12)): string {
  const hash = pbkdf2Sync(password, salt, 101, 64, 'sha512');
  return `$7$101$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Exactly what mosquittoPasswordHash writes (a 12-byte salt, a 64-byte hash), so a hash from a request is nothing else. */
export const PASSWORD_HASH = /^\$7\$101\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==$/;

/** Whether `password` is the one a hash (as mosquittoPasswordHash writes it) was made from. */
export function passwordHashAccepts(hash: string, password: string): boolean {
  if (!PASSWORD_HASH.test(hash)) return false;
  const [, , , salt, expected] = hash.split('$');
  return timingSafeEqual(pbkdf2Sync(password, Buffer.from(salt!, 'base64'), 101, 64, 'sha512'), Buffer.from(expected!, 'base64'));
}

/** The ACL file: per user, the topics it may write and read; nothing else (Mosquitto denies by default with an ACL file). */
export function mosquittoAcl(topics: FleetTopics, clients: readonly BrokerClient[]): string {
  const blocks = clients.map((c) => {
    if (!USERNAME.test(c.username)) throw new Error(`"${c.username}" cannot be a broker user name`);
    const may = allowed(topics, c.role);
    const reads = [...may.subscribe, ...(c.reads ?? [])];
    return [`user ${c.username}`, ...may.publish.map((t) => `topic write ${t}`), ...reads.map((t) => `topic read ${t}`)].join('\n');
  });
  return `# Gangbord fleet ${topics.base}: written by the publisher; one block per screen, sender and publisher.\n\n${blocks.join('\n\n')}\n`;
}
