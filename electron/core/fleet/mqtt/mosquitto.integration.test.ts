import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir';
import { type BrokerClient, mosquittoAcl, mosquittoPasswordLine } from './mosquittoConfig';
import { fleetTopics } from './topics';

// A real Mosquitto on loopback with the password file and ACL the publisher writes (docs/fleet-mqtt.md). `.ci/run`
// installs Debian's mosquitto; where it is not installed this test says so and skips.
const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'].find((p) => existsSync(p));
const tempDir = useTempDirs();
const topics = fleetTopics('gangbord', 'gangbord-college');
const clients: MqttClient[] = [];
let broker: ChildProcess | null = null;
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true).catch(() => undefined)));
  broker?.kill('SIGTERM');
  broker = null;
});

const freePort = () => new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});

async function startMosquitto(users: readonly (BrokerClient & { password: string })[]) {
  const dir = tempDir();
  const port = await freePort();
  writeFileSync(join(dir, 'passwords'), `${users.map((u) => mosquittoPasswordLine(u.username, u.password)).join('\n')}\n`);
  writeFileSync(join(dir, 'acl'), mosquittoAcl(topics, users));
  writeFileSync(join(dir, 'mosquitto.conf'), [
    `listener ${port} 127.0.0.1`, 'allow_anonymous false', `password_file ${join(dir, 'passwords')}`, `acl_file ${join(dir, 'acl')}`,
    'persistence false', 'log_dest stderr', 'log_type error',
    // Started as root (a CI container), Mosquitto would switch to its own user, who cannot read this test's folder.
    ...(process.getuid?.() === 0 ? ['user root'] : []),
  ].join('\n'));
  broker = spawn(MOSQUITTO!, ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let said = '';
  broker.stderr!.on('data', (chunk: Buffer) => void (said += chunk.toString()));
  for (let i = 0; i < 50; i++) {
    const up = await connectAsync(`mqtt://127.0.0.1:${port}`, { username: users[0]!.username, password: users[0]!.password, reconnectPeriod: 0, connectTimeout: 500 })
      .then((c) => c.endAsync(true).then(() => true), () => false);
    if (up) return port;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`mosquitto did not start: ${said}`);
}

describe.skipIf(!MOSQUITTO)(`a board's own Mosquitto with the fleet's ACL${MOSQUITTO ? '' : ' (skipped: mosquitto is not installed here; .ci/run installs it)'}`, () => {
  it("keeps a screen's credentials to its own status and acknowledgements", async () => {
    const users = [
      { username: 'centrale-pc', password: randomBytes(24).toString('base64url'), role: { role: 'publisher' as const } },
      { username: 'scherm-aaaaaaaaaa', password: randomBytes(24).toString('base64url'), role: { role: 'screen' as const, screenId: 'scherm-aaaaaaaaaa' } },
    ];
    const port = await startMosquitto(users);
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
