import { allowed, type FleetTopics } from './topics';
import type { BrokerClient } from './mosquittoConfig';

/*
 * The same rules for a board whose broker is EMQX (docs/fleet-mqtt.md): its file-based authorization (`acl.conf`,
 * Erlang terms), one `allow` per user and topic, then `deny all`, as the Mosquitto ACL says it (mosquittoConfig.ts).
 * EMQX's own password store takes the same PBKDF2-SHA512 hashes through its built-in database or an HTTP hook.
 */

const quoted = (text: string) => {
  // User names and topics are checked before they get here (topics.ts, mosquittoConfig.ts); a quote would end the term.
  if (/["\\\n]/.test(text)) throw new Error(`"${text}" cannot go in an EMQX rule`);
  return `"${text}"`;
};

export function emqxAcl(topics: FleetTopics, clients: readonly BrokerClient[]): string {
  const rules = clients.flatMap((c) => {
    const may = allowed(topics, c.role);
    const reads = [...may.subscribe, ...(c.reads ?? [])];
    return [
      ...(may.publish.length ? [`{allow, {user, ${quoted(c.username)}}, publish, [${may.publish.map(quoted).join(', ')}]}.`] : []),
      ...(reads.length ? [`{allow, {user, ${quoted(c.username)}}, subscribe, [${reads.map(quoted).join(', ')}]}.`] : []),
    ];
  });
  return `%% Gangbord fleet ${topics.base}: written by the publisher; EMQX file authorization, nothing else allowed.\n${rules.join('\n')}\n{deny, all}.\n`;
}
