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
 *   <prefix>/<school>/screens/<id>/presence "online" while it is connected; its Last Will says "offline" (retained)
 *
 * Enrolment requests, thumbnails and the staff PCs' files stay in the folder: a screen has no broker credential
 * before it is approved, and the staff files are sealed for the share already (fleetStore.ts says which go where).
 */

const SEGMENT = /^[a-z0-9][a-z0-9-]{1,79}$/;
const KEY_ID = /^[0-9a-f]{16}$/;

export type FleetRole =
  | { role: 'publisher' }
  | { role: 'sender'; keyId: string }
  | { role: 'screen'; screenId: string }
  /** Another school's publisher desk in the same board, watching this school's screens: it reads, never writes. */
  | { role: 'board' };

export interface FleetTopics {
  base: string;
  roster: string;
  bundle: string;
  delta: string;
  commands: string;
  alertOf(keyId: string): string;
  statusOf(screenId: string): string;
  ackOf(screenId: string): string;
  presenceOf(screenId: string): string;
}

export function fleetTopics(prefix: string, school: string): FleetTopics {
  if (!/^[a-z0-9][a-z0-9-]{0,39}(\/[a-z0-9][a-z0-9-]{0,39}){0,3}$/.test(prefix)) throw new Error(`"${prefix}" is not a topic prefix (lower-case words separated by /)`);
  if (!SEGMENT.test(school)) throw new Error(`"${school}" is not a school id`);
  const base = `${prefix}/${school}`;
  const id = (value: string, pattern: RegExp, what: string) => {
    if (!pattern.test(value)) throw new Error(`"${value}" is not a ${what}`);
    return value;
  };
  const screen = (screenId: string, what: string) => `${base}/screens/${id(screenId, /^[a-z0-9][a-z0-9-]{2,62}$/, 'screen id')}/${what}`;
  return {
    base,
    roster: `${base}/pub/roster`,
    bundle: `${base}/pub/bundle`,
    delta: `${base}/pub/delta`,
    commands: `${base}/pub/commands`,
    alertOf: (keyId) => `${base}/pub/alerts/${id(keyId, KEY_ID, 'key id')}`,
    statusOf: (screenId) => screen(screenId, 'status'),
    ackOf: (screenId) => screen(screenId, 'ack'),
    presenceOf: (screenId) => screen(screenId, 'presence'),
  };
}

/**
 * The topic a fleet file travels on over MQTT (its path in the folder without `.env`), or null for a file that stays
 * in the folder only. Paths are relative to the fleet folder, with forward slashes.
 */
export function topicOfFile(topics: FleetTopics, file: string): string | null {
  const parts = file.split('/');
  try {
    if (file === 'pub/roster.env') return topics.roster;
    if (file === 'pub/bundle.env') return topics.bundle;
    if (file === 'pub/delta.env') return topics.delta;
    if (file === 'pub/commands.env') return topics.commands;
    if (parts.length === 3 && parts[0] === 'pub' && parts[1] === 'alerts' && parts[2]!.endsWith('.env')) return topics.alertOf(parts[2]!.slice(0, -4));
    if (parts.length === 3 && parts[0] === 'screens') {
      if (parts[2] === 'status.env') return topics.statusOf(parts[1]!);
      if (parts[2] === 'ack.env') return topics.ackOf(parts[1]!);
      if (parts[2] === 'presence') return topics.presenceOf(parts[1]!);
    }
  } catch {
    return null;
  }
  return null;
}

/** The fleet file a topic stands for (the inverse of topicOfFile), or null for a topic outside the school's fleet. */
export function fileOfTopic(topics: FleetTopics, topic: string): string | null {
  if (!topic.startsWith(`${topics.base}/`)) return null;
  const file = topic.slice(topics.base.length + 1);
  const candidate = file.endsWith('/presence') ? file : `${file}.env`;
  return topicOfFile(topics, candidate) === topic ? candidate : null;
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
      return { publish: [topics.statusOf(who.screenId), topics.ackOf(who.screenId), topics.presenceOf(who.screenId)], subscribe: [pub] };
    case 'board':
      return { publish: [], subscribe: [topics.roster, `${topics.base}/screens/+/status`, `${topics.base}/screens/+/presence`] };
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
