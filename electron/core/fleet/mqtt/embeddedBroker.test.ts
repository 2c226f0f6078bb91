import { randomBytes } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../logger';
import { AlertMessage } from '../alertMessage';
import { openEnvelope, sealEnvelope, type Trust } from '../envelope';
import { newKeyPair } from '../keys';
import { type EmbeddedBroker, startEmbeddedBroker } from './embeddedBroker';
import { mosquittoPasswordHash } from './mosquittoConfig';
import { type FleetRole, fleetTopics } from './topics';

// The fleet's embedded broker on loopback (docs/fleet-mqtt.md), with real mqtt.js clients: the same signed envelopes
// as the folder carries, each client held to its role's topics, retained messages for a late screen, and a Last Will
// for a screen that went away. The broker is trusted with delivery only: what arrives is still checked by signature.
const SCHOOL = 'gangbord-college';
const topics = fleetTopics('gangbord', SCHOOL);
const NOW = Date.now();
let broker: EmbeddedBroker | null = null;
const clients: MqttClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true).catch(() => undefined)));
  await broker?.close();
  broker = null;
});

const tokens = new Map<string, { role: FleetRole; token: string }>();
function account(username: string, role: FleetRole) {
  tokens.set(username, { role, token: randomBytes(32).toString('base64url') });
  return username;
}

async function start() {
  broker = await startEmbeddedBroker({
    host: '127.0.0.1', port: 0, topics, log: memoryLogger(),
    credential: (username) => {
      const known = tokens.get(username);
      return known ? { role: known.role, passwordHash: mosquittoPasswordHash(known.token) } : null;
    },
  });
  return broker;
}

async function client(username: string, extra: Parameters<typeof connectAsync>[1] = {}) {
  const c = await connectAsync(`mqtt://127.0.0.1:${broker!.port}`, {
    username, password: tokens.get(username)?.token ?? 'wrong', clientId: username, reconnectPeriod: 0, ...extra,
  });
  clients.push(c);
  return c;
}

function nextMessage(c: MqttClient, topic: string, ms = 3_000): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    c.on('message', (t, payload) => {
      if (t !== topic) return;
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

const alert: AlertMessage = AlertMessage.parse({
  id: 'alert-1', template: 'evacuation', title: 'Ontruiming', text: '', drill: true, audience: [], sentAt: NOW, expiresAt: NOW + 3_600_000,
});

describe('the embedded broker', () => {
  it('keeps a sender\'s alert for a screen that comes later, and the screen checks its signature', async () => {
    await start();
    const senderKey = newKeyPair();
    const reception = await client(account('receptie', { role: 'sender', keyId: senderKey.keyId }));
    const envelope = sealEnvelope({ kind: 'alert', school: SCHOOL, seq: NOW, issuedAt: NOW, notAfter: alert.expiresAt, body: Buffer.from(JSON.stringify(alert)) }, senderKey);
    await reception.publishAsync(topics.alertOf(senderKey.keyId), envelope, { qos: 1, retain: true });

    const screen = await client(account('scherm-aaaaaaaaaa', { role: 'screen', screenId: 'scherm-aaaaaaaaaa' }));
    const arriving = nextMessage(screen, topics.alertOf(senderKey.keyId));
    await screen.subscribeAsync(`${topics.base}/pub/#`, { qos: 1 });
    const payload = await arriving;
    const trust: Trust = { school: SCHOOL, keys: new Map([[senderKey.keyId, { publicKey: senderKey.publicKey, kinds: ['alert'] }]]), revoked: new Set() };
    expect(openEnvelope(payload!, { trust, kind: 'alert', now: NOW })).toMatchObject({ ok: true, header: { kind: 'alert' } });
  });

  it("refuses a screen that writes another screen's status or an alert, or reads the whole school", async () => {
    await start();
    const publisher = await client(account('centrale-pc', { role: 'publisher' }));
    await publisher.subscribeAsync(`${topics.base}/#`);
    const watched = nextMessage(publisher, topics.statusOf('scherm-bbbbbbbbbb'), 1_500);
    const alertWatched = nextMessage(publisher, topics.alertOf('0123456789abcdef'), 1_500);

    const nosy = await client(account('scherm-dddddddddd', { role: 'screen', screenId: 'scherm-dddddddddd' }));
    // Reading the whole school: the broker closes the connection instead of granting it.
    await expect(nosy.subscribeAsync(`${topics.base}/#`)).rejects.toThrow();
    const a = await client(account('scherm-aaaaaaaaaa', { role: 'screen', screenId: 'scherm-aaaaaaaaaa' }));
    // The broker drops the publish and the connection (MQTT 3.1.1 gives the client no other answer).
    const closed = new Promise<void>((resolve) => a.once('close', () => resolve()));
    a.publish(topics.statusOf('scherm-bbbbbbbbbb'), Buffer.from('forged'), { qos: 0, retain: true });
    await closed;
    const b = await client(account('scherm-cccccccccc', { role: 'screen', screenId: 'scherm-cccccccccc' }));
    const closedB = new Promise<void>((resolve) => b.once('close', () => resolve()));
    b.publish(topics.alertOf('0123456789abcdef'), Buffer.from('forged'), { qos: 0 });
    await closedB;
    expect(await watched).toBeNull();
    expect(await alertWatched).toBeNull();
    // A wrong token gets no connection at all.
    await expect(connectAsync(`mqtt://127.0.0.1:${broker!.port}`, { username: 'scherm-aaaaaaaaaa', password: 'raden', reconnectPeriod: 0 })).rejects.toThrow();
  });

  it('still refuses by signature what a screen could write: an acknowledgement signed by another key', async () => {
    await start();
    const publisher = await client(account('centrale-pc', { role: 'publisher' }));
    await publisher.subscribeAsync(`${topics.base}/screens/+/ack`);
    const arriving = nextMessage(publisher, topics.ackOf('scherm-aaaaaaaaaa'));
    const screenKey = newKeyPair();
    const forger = newKeyPair();
    const a = await client(account('scherm-aaaaaaaaaa', { role: 'screen', screenId: 'scherm-aaaaaaaaaa' }));
    const forged = sealEnvelope({ kind: 'ack', school: SCHOOL, seq: NOW, issuedAt: NOW, notAfter: NOW + 60_000, body: Buffer.from('{}') }, forger);
    await a.publishAsync(topics.ackOf('scherm-aaaaaaaaaa'), forged, { qos: 1 });
    const trust: Trust = { school: SCHOOL, keys: new Map([[screenKey.keyId, { publicKey: screenKey.publicKey, kinds: ['ack'] }]]), revoked: new Set() };
    expect(openEnvelope((await arriving)!, { trust, kind: 'ack', now: NOW })).toMatchObject({ ok: false, refusal: 'unknown-key' });
  });

  it("publishes a screen's Last Will when it goes away without a word, within one and a half keepalives", async () => {
    await start();
    const publisher = await client(account('centrale-pc', { role: 'publisher' }));
    await publisher.subscribeAsync(`${topics.base}/screens/+/status`);
    const will = nextMessage(publisher, topics.statusOf('scherm-aaaaaaaaaa'), 5_000);
    const a = await client(account('scherm-aaaaaaaaaa', { role: 'screen', screenId: 'scherm-aaaaaaaaaa' }), {
      keepalive: 2, will: { topic: topics.statusOf('scherm-aaaaaaaaaa'), payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    const t0 = Date.now();
    // As SIGKILL does: the process's socket closed under it, no DISCONNECT. (A cable pulled sends not even that; then
    // the broker's keepalive, 1.5 times 2 s here, says it: the bench kills processes, docs/fleet-mqtt.md.)
    a.stream.destroy();
    expect((await will)?.toString()).toBe('offline');
    expect(Date.now() - t0).toBeLessThan(3_000);
  });
});
