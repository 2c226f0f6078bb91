/*
 * The fleet over MQTT (docs/fleet-mqtt.md): every file of the fleet folder has a topic, so the same signed envelopes
 * travel either way. The broker carries them and keeps the latest of each (retained); it is trusted with delivery,
 * never with content: a reader checks every envelope's signature as it does a file's.
 *
 *   <prefix>/<school>/pub/roster            the publisher's roster (retained)
 *   <prefix>/<school>/pub/bundle            the screens' full bundle (retained), and pub/delta
 *   <prefix>/<school>/pub/commands          commands to screens (retained, ten minutes)
 *   <prefix>/<school>/pub/alerts/<key id>   each alert sender's latest alert (retained, QoS 1, until its all clear)
 *   <prefix>/<school>/screens/<id>/status   each screen's status (retained; its Last Will says it went away)
 *   <prefix>/<school>/screens/<id>/ack      each screen's acknowledgements (retained, QoS 1)
 */

const SEGMENT = /^[a-z0-9][a-z0-9-]{1,79}$/;
const KEY_ID = /^[0-9a-f]{16}$/;

export type FleetRole =
  | { role: 'publisher' }
  | { role: 'sender'; keyId: string }
  | { role: 'screen'; screenId: string };

export interface FleetTopics {
  base: string;
  roster: string;
  bundle: string;
  delta: string;
  commands: string;
  alertOf(keyId: string): string;
  statusOf(screenId: string): string;
  ackOf(screenId: string): string;
}

export function fleetTopics(prefix: string, school: string): FleetTopics {
  if (!/^[a-z0-9][a-z0-9-]{0,39}(\/[a-z0-9][a-z0-9-]{0,39}){0,3}$/.test(prefix)) throw new Error(`"${prefix}" is not a topic prefix (lower-case words separated by /)`);
  if (!SEGMENT.test(school)) throw new Error(`"${school}" is not a school id`);
  const base = `${prefix}/${school}`;
  const id = (value: string, pattern: RegExp, what: string) => {
    if (!pattern.test(value)) throw new Error(`"${value}" is not a ${what}`);
    return value;
  };
  return {
    base,
    roster: `${base}/pub/roster`,
    bundle: `${base}/pub/bundle`,
    delta: `${base}/pub/delta`,
    commands: `${base}/pub/commands`,
    alertOf: (keyId) => `${base}/pub/alerts/${id(keyId, KEY_ID, 'key id')}`,
    statusOf: (screenId) => `${base}/screens/${id(screenId, /^[a-z0-9][a-z0-9-]{2,62}$/, 'screen id')}/status`,
    ackOf: (screenId) => `${base}/screens/${id(screenId, /^[a-z0-9][a-z0-9-]{2,62}$/, 'screen id')}/ack`,
  };
}

/** Whether an MQTT topic filter (with + and #) matches a topic. */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

/**
 * What each role may publish and subscribe to (the same rules the Mosquitto ACL file says, acl.ts): a screen writes
 * only its own status and acknowledgements and reads only its school's published topics; an alert sender writes only
 * its own alert topic and reads the published topics and the screens' acknowledgements; the publisher all of its
 * school. Nobody writes another school's topics, or the broker's own ($SYS).
 */
export function allowed(topics: FleetTopics, who: FleetRole): { publish: string[]; subscribe: string[] } {
  const pub = `${topics.base}/pub/#`;
  switch (who.role) {
    case 'publisher':
      return { publish: [`${topics.base}/#`], subscribe: [`${topics.base}/#`] };
    case 'sender':
      return { publish: [topics.alertOf(who.keyId)], subscribe: [pub, `${topics.base}/screens/+/ack`] };
    case 'screen':
      return { publish: [topics.statusOf(who.screenId), topics.ackOf(who.screenId)], subscribe: [pub] };
  }
}

/** Whether `who` may publish to `topic` (an exact topic: a publish never carries wildcards). */
export const mayPublish = (topics: FleetTopics, who: FleetRole, topic: string) =>
  !topic.includes('+') && !topic.includes('#') && allowed(topics, who).publish.some((f) => topicMatches(f, topic));

/** Whether `who` may subscribe to `filter`: only to filters inside those it is allowed (never wider). */
export function maySubscribe(topics: FleetTopics, who: FleetRole, filter: string): boolean {
  return allowed(topics, who).subscribe.some((granted) => filterWithin(filter, granted));
}

/** Whether every topic `filter` can match is matched by `granted`. */
function filterWithin(filter: string, granted: string): boolean {
  const f = filter.split('/');
  const g = granted.split('/');
  for (let i = 0; i < g.length; i++) {
    if (g[i] === '#') return true;
    if (i >= f.length) return false;
    if (f[i] === '#') return false;
    if (g[i] === '+') continue;
    if (f[i] === '+' || f[i] !== g[i]) return false;
  }
  return f.length === g.length;
}
