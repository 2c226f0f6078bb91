import { randomBytes } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../logger';
import { sendAlert } from '../alertSender';
import { newKeyPair } from '../keys';
import { type AlertRefusal, createScreenAlerts, type ShownAlert } from '../screenAlerts';
import { mqttStore } from '../store/mqttStore';
import { MOSQUITTO, type RunningMosquitto, startMosquitto } from './testing/mosquittoProcess';
import { fleetTopics } from './topics';

// A real Mosquitto on loopback with the password file and ACL the publisher writes (docs/fleet-mqtt.md). `.ci/run`
// installs Debian's mosquitto; where it is not installed this test says so and skips.
const topics = fleetTopics('gangbord', 'gangbord-college');
const clients: MqttClient[] = [];
let broker: RunningMosquitto | null = null;
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true).catch(() => undefined)));
  await broker?.stop();
  broker = null;
});

describe.skipIf(!MOSQUITTO)(`a board's own Mosquitto with the fleet's ACL${MOSQUITTO ? '' : ' (skipped: mosquitto is not installed here; .ci/run installs it)'}`, () => {
  it("keeps a screen's credentials to its own status and acknowledgements", async () => {
    const users = [
      { username: 'centrale-pc', password: randomBytes(24).toString('base64url'), role: { role: 'publisher' as const } },
      { username: 'scherm-aaaaaaaaaa', password: randomBytes(24).toString('base64url'), role: { role: 'screen' as const, screenId: 'scherm-aaaaaaaaaa' } },
    ];
    broker = await startMosquitto(topics, users);
    const { port } = broker;
    const connect = async (i: number, password = users[i]!.password) => {
      const c = await connectAsync(`mqtt://127.0.0.1:${port}`, { username: users[i]!.username, password, reconnectPeriod: 0 });
      clients.push(c);
      return c;
    };
    const publisher = await connect(0);
    const seen: string[] = [];
    publisher.on('message', (topic) => seen.push(topic));
    await publisher.subscribeAsync(`${topics.base}/#`, { qos: 1 });

    const screen = await connect(1);
    await screen.publishAsync(topics.statusOf('scherm-aaaaaaaaaa'), Buffer.from('own status'), { qos: 1 });
    await screen.publishAsync(topics.statusOf('scherm-bbbbbbbbbb'), Buffer.from('forged'), { qos: 1 });
    await screen.publishAsync(topics.alertOf('0123456789abcdef'), Buffer.from('forged'), { qos: 1 });
    // A screen reading the whole school gets a refusal for that subscription (Mosquitto grants it, but sends nothing
    // the ACL does not allow it to read): the publisher's own bundle topic reaches it, a status does not.
    const heard: string[] = [];
    screen.on('message', (topic) => heard.push(topic));
    await screen.subscribeAsync(`${topics.base}/#`, { qos: 1 });
    await publisher.publishAsync(topics.bundle, Buffer.from('bundle'), { qos: 1 });
    await publisher.publishAsync(topics.statusOf('scherm-cccccccccc'), Buffer.from('status'), { qos: 1 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen).toContain(topics.statusOf('scherm-aaaaaaaaaa'));
    expect(seen).not.toContain(topics.statusOf('scherm-bbbbbbbbbb'));
    expect(seen).not.toContain(topics.alertOf('0123456789abcdef'));
    expect(heard).toEqual([topics.bundle]);
    await expect(connect(1, 'raden')).rejects.toThrow();
  });

  it('shows no alert a screen forged where a loosely set broker let it write: the screens check the signature, not the topic', async () => {
    const publisherKey = newKeyPair();
    const forger = newKeyPair();
    // A board whose ACL gives a screen's credentials the publisher's rights (a mistake the fleet cannot see).
    const users = [
      { username: 'scherm-aaaaaaaaaa', password: randomBytes(24).toString('base64url'), role: { role: 'publisher' as const } },
      { username: 'scherm-bbbbbbbbbb', password: randomBytes(24).toString('base64url'), role: { role: 'screen' as const, screenId: 'scherm-bbbbbbbbbb' } },
      { username: 'centrale-pc', password: randomBytes(24).toString('base64url'), role: { role: 'publisher' as const } },
    ];
    broker = await startMosquitto(topics, users);
    const url = `mqtt://127.0.0.1:${broker.port}`;
    const store = (i: number) => {
      const { role, username, password } = users[i]!;
      return mqttStore({ url, topics, role, username, password, log: memoryLogger() });
    };
    const [forgerStore, screenStore, publisherStore] = [store(0), store(1), store(2)];
    const shown: ShownAlert[][] = [];
    const refusals: AlertRefusal[] = [];
    const screen = createScreenAlerts({
      folder: '/nonexistent', store: screenStore, screenId: 'scherm-bbbbbbbbbb', school: 'gangbord-college', deviceKey: newKeyPair(),
      trust: () => ({ school: 'gangbord-college', keys: new Map([[publisherKey.keyId, { publicKey: publisherKey.publicKey, kinds: ['alert'] }]]), revoked: new Set() }),
      displayGroup: () => null, now: () => Date.now(), onChange: (a) => shown.push([...a]), onRefusal: (r) => refusals.push(r),
    });
    try {
      await Promise.all([forgerStore.ready(), screenStore.ready(), publisherStore.ready()]);
      screen.start();
      const alert = (id: string, title: string) => ({
        id, template: 'evacuation' as const, title, text: '', drill: false, audience: [], sentAt: Date.now(), expiresAt: Date.now() + 600_000,
      });
      // The publisher's own alert, on the same broker, is shown.
      await sendAlert({
        folder: '/nonexistent', store: publisherStore, school: 'gangbord-college', key: publisherKey, seq: Date.now(), alert: alert('echt-1', 'Ontruiming'),
      });
      await expect.poll(() => shown.at(-1)?.map((a) => a.alert.id), { timeout: 5_000 }).toEqual(['echt-1']);
      // The forger writes an alert signed with its own key, and the publisher's alert with its words changed.
      await sendAlert({ folder: '/nonexistent', store: forgerStore, school: 'gangbord-college', key: forger, seq: Date.now(), alert: alert('vals-1', 'Vals') });
      const genuine = (await forgerStore.read(`pub/alerts/${publisherKey.keyId}.env`))!;
      await forgerStore.write(`pub/alerts/${publisherKey.keyId}.env`, Buffer.from(genuine.toString('latin1').replace('Ontruiming', 'Vals alarm'), 'latin1'));
      await expect.poll(() => refusals.map((r) => r.refusal).sort(), { timeout: 5_000 }).toEqual(['body-changed', 'unknown-key']);
      expect(shown.flat().map((a) => a.alert.title).filter((t) => t.startsWith('Vals'))).toEqual([]);
      expect(screen.shown().map((a) => a.alert.id)).toEqual(['echt-1']);
    } finally {
      screen.stop();
      await Promise.all([forgerStore.close(), screenStore.close(), publisherStore.close()]);
    }
  });
});
