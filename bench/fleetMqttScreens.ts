import { connectAsync, type MqttClient } from 'mqtt';
import { AlertMessage } from '../electron/core/fleet/alertMessage';
import { bodyJson, openEnvelope, sealEnvelope } from '../electron/core/fleet/envelope';
import { newKeyPair, publicKeyFromText, publicKeyText } from '../electron/core/fleet/keys';
import { fleetTopics } from '../electron/core/fleet/mqtt/topics';

// One process of simulated screens for `npm run bench -- fleet-mqtt` (fleetMqttBench.ts): each screen signs in to the
// broker with its own name and token, keeps a Last Will on its presence topic, takes alerts as they are pushed, checks
// each one's signature as a kiosk does, and publishes its signed acknowledgement.

const school = process.env.FLEET_SCHOOL!;
const topics = fleetTopics('gangbord', school);
const sender = publicKeyFromText(process.env.FLEET_SENDER!);
const senderId = process.env.FLEET_SENDER_ID!;
const keepalive = Number(process.env.FLEET_KEEPALIVE ?? 10);
const trust = { school, keys: new Map([[senderId, { publicKey: sender, kinds: ['alert'] as const }]]), revoked: new Set<string>() };
const clients: MqttClient[] = [];
let refusals = 0;

async function screen(url: string, id: string, token: string) {
  const key = newKeyPair();
  const client = await connectAsync(url, {
    clientId: id, username: id, password: token, keepalive, reconnectPeriod: 0, connectTimeout: 30_000,
    will: { topic: topics.presenceOf(id), payload: Buffer.from('offline'), qos: 1, retain: true },
  });
  clients.push(client);
  let lastSeq: number | undefined;
  let ackSeq = 0;
  client.on('message', (_topic, payload) => {
    const opened = openEnvelope(payload, { trust, kind: 'alert', now: Date.now(), lastSeq });
    if (!opened.ok) {
      // The same retained alert again (a resubscription) is "replayed": nothing to do, and no refusal.
      if (opened.refusal !== 'replayed') refusals++;
      return;
    }
    lastSeq = opened.header.seq;
    const alert = AlertMessage.safeParse(bodyJson(opened.body));
    if (!alert.success) return void refusals++;
    const now = Date.now();
    ackSeq = Math.max(ackSeq + 1, now);
    const shown = alert.data.template === 'allClear' ? [] : [{ sender: senderId, id: alert.data.id, shownAt: now }];
    const ack = sealEnvelope({ kind: 'ack', school, seq: ackSeq, issuedAt: now, notAfter: now + 3_600_000, body: Buffer.from(JSON.stringify({ screen: id, alerts: shown })) }, key);
    client.publish(topics.ackOf(id), ack, { qos: 1, retain: true });
  });
  await client.subscribeAsync(`${topics.base}/pub/alerts/+`, { qos: 1 });
  return { id, key: publicKeyText(key.publicKey) };
}

process.on('message', async (message: { type: string; url?: string; tokens?: Record<string, string> }) => {
  if (message.type === 'start') {
    const entries = Object.entries(message.tokens!);
    const ready: { id: string; key: string }[] = [];
    // Twenty at a time, as screens switched on over a few seconds are.
    for (let i = 0; i < entries.length; i += 20) {
      ready.push(...(await Promise.all(entries.slice(i, i + 20).map(([id, token]) => screen(message.url!, id, token)))));
    }
    process.send!({ type: 'ready', screens: ready });
  }
  if (message.type === 'refusals') process.send!({ type: 'refusals', refusals });
  if (message.type === 'stop') {
    await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
    process.exit(0);
  }
});
