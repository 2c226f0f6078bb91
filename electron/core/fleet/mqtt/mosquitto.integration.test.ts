import { randomBytes } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
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
});
