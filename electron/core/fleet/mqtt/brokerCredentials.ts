import { randomBytes } from 'node:crypto';
import type { SecretStore } from '../../secrets/secretStore';
import { mosquittoPasswordHash } from './mosquittoConfig';

/*
 * Each machine's own broker credential (docs/fleet-mqtt.md, "Credentials"): a 32-byte token made on first use and
 * kept in its secret store, never in a file. A screen puts only its Mosquitto password line (a salted PBKDF2 of the
 * token) in its enrolment request; approving the screen puts that hash in the roster, from which the publisher
 * writes the broker's password file (user name: the screen's id, never the request's word) and the embedded broker
 * checks it. The token itself never leaves the screen.
 */

export async function brokerToken(secrets: SecretStore): Promise<string> {
  const stored = await secrets.get('fleet.brokerToken');
  if (stored) return stored;
  const token = randomBytes(32).toString('base64url');
  await secrets.set('fleet.brokerToken', token);
  return token;
}

/** The publisher's user name on the broker: one per school, so a board's broker can hold them all. */
export const publisherUsername = (school: string) => `publisher-${school}`;

/** What a screen puts in its enrolment request for the broker (its user name is its screen id). */
export const brokerPasswordHash = (token: string) => mosquittoPasswordHash(token);
