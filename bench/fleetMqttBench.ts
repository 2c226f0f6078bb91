import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import type { AlertMessage } from '../electron/core/fleet/alertMessage';
import { AlertAck } from '../electron/core/fleet/alertMessage';
import { bodyJson, openEnvelope, sealEnvelope } from '../electron/core/fleet/envelope';
import { keyIdOf, newKeyPair, publicKeyFromText, publicKeyText } from '../electron/core/fleet/keys';
import { MOSQUITTO, startMosquitto } from '../electron/core/fleet/mqtt/testing/mosquittoProcess';
import { fleetTopics } from '../electron/core/fleet/mqtt/topics';
import { percentile } from './percentiles';
import type { Figure } from './report';

/*
 * The fleet over MQTT (docs/fleet-mqtt.md) at a board's scale: 1,000 simulated screens (mqtt.js clients in four
 * processes) on Debian's Mosquitto on loopback, with the password file and ACL the publisher writes. Ten alerts, each
 * pushed to every screen, checked by signature there and acknowledged, signed, back: from send to every
 * acknowledgement seen by the sender. Then a process of 250 screens killed with SIGKILL: how soon the broker's Last
 * Wills say they went away. The broker's memory and CPU with 1,000 screens connected; and the same alert round with
 * 200 screens, for the folder bench's figures beside it (`npm run bench -- fleet fleet-mqtt`).
 */

const SCHOOL = 'bench-college';
const topics = fleetTopics('gangbord', SCHOOL);
const KEEPALIVE_S = 10;
const ALERTS = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A process's resident memory (kB) and CPU time so far (ms), from /proc. */
function procUsage(pid: number): { rssKb: number; cpuMs: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssKb, cpuMs: (ticks * 1000) / 100 };
}

async function round(screens: number, processes: number): Promise<{ figures: Figure[]; kill?: Figure[] }> {
  const sender = newKeyPair();
  const users = [
    { username: 'centrale-pc', password: randomBytes(24).toString('base64url'), role: { role: 'publisher' as const } },
    { username: 'receptie', password: randomBytes(24).toString('base64url'), role: { role: 'sender' as const, keyId: sender.keyId } },
  ];
  const perProcess = screens / processes;
  const tokens = Array.from({ length: processes }, (_, p) => Object.fromEntries(Array.from({ length: perProcess }, (_, i) => {
    const id = `scherm${p}-${String(i).padStart(4, '0')}`;
    const password = randomBytes(24).toString('base64url');
    users.push({ username: id, password, role: { role: 'screen' as const, screenId: id } } as never);
    return [id, password];
  })));
  const broker = await startMosquitto(topics, users, ['max_connections -1', 'max_inflight_messages 0']);
  const url = `mqtt://127.0.0.1:${broker.port}`;
  const children: ChildProcess[] = [];
  const clients: MqttClient[] = [];
  try {
    const keys = new Map<string, ReturnType<typeof publicKeyFromText>>();
    await Promise.all(tokens.map((t) => new Promise<void>((resolve, reject) => {
      const child = fork(join(import.meta.dirname, 'fleetMqttScreens.ts'), [], {
        execArgv: ['--import', 'tsx'],
        env: {
          ...process.env, FLEET_SCHOOL: SCHOOL, FLEET_SENDER: publicKeyText(sender.publicKey), FLEET_SENDER_ID: sender.keyId,
          FLEET_KEEPALIVE: String(KEEPALIVE_S),
        },
      });
      children.push(child);
      child.on('error', reject);
      child.on('message', (m: { type: string; screens?: { id: string; key: string }[] }) => {
        if (m.type !== 'ready') return;
        for (const s of m.screens!) keys.set(s.id, publicKeyFromText(s.key));
        resolve();
      });
      child.send({ type: 'start', url, tokens: t });
    })));

    // The broker with every screen connected and quiet: its memory, and its CPU over ten seconds.
    const before = procUsage(broker.pid);
    await sleep(10_000);
    const idle = procUsage(broker.pid);

    const reception = await connectAsync(url, { username: 'receptie', password: users[1]!.password, reconnectPeriod: 0 });
    clients.push(reception);
    const acks = new Map<string, number>();
    let current = '';
    let sentAt = 0;
    let refused = 0;
    reception.on('message', (topic, payload) => {
      const id = topic.split('/').at(-2)!;
      const key = keys.get(id);
      if (!key) return;
      const opened = openEnvelope(payload, { trust: { school: SCHOOL, keys: new Map([[keyIdOf(key), { publicKey: key, kinds: ['ack'] }]]), revoked: new Set() }, kind: 'ack', now: Date.now() });
      const ack = opened.ok ? AlertAck.safeParse(bodyJson(opened.body)) : null;
      if (!ack?.success) return void refused++;
      if (ack.data.alerts.some((a) => a.id === current) && !acks.has(id)) acks.set(id, Date.now() - sentAt);
    });
    await reception.subscribeAsync(`${topics.base}/screens/+/ack`, { qos: 1 });
    const ackMs: number[] = [];
    const everyMs: number[] = [];
    let seq = 0;
    for (let r = 0; r < ALERTS; r++) {
      acks.clear();
      current = `bench-${r}`;
      sentAt = Date.now();
      const alert: AlertMessage = { id: current, template: 'evacuation', title: 'Ontruiming', text: 'Verlaat het gebouw.', drill: true, audience: [], sentAt, expiresAt: sentAt + 600_000 };
      await reception.publishAsync(topics.alertOf(sender.keyId), sealEnvelope({ kind: 'alert', school: SCHOOL, seq: ++seq, issuedAt: sentAt, notAfter: alert.expiresAt, body: Buffer.from(JSON.stringify(alert)) }, sender), { qos: 1, retain: true });
      while (acks.size < screens && Date.now() - sentAt < 15_000) await sleep(10);
      for (const id of keys.keys()) ackMs.push(acks.get(id) ?? Infinity);
      everyMs.push(acks.size === screens ? Math.max(...acks.values()) : Infinity);
      const clear = { ...alert, id: `clear-${r}`, template: 'allClear' as const, sentAt: Date.now() };
      await reception.publishAsync(topics.alertOf(sender.keyId), sealEnvelope({ kind: 'alert', school: SCHOOL, seq: ++seq, issuedAt: clear.sentAt, notAfter: clear.expiresAt, body: Buffer.from(JSON.stringify(clear)) }, sender), { qos: 1, retain: true });
      await sleep(1_000);
    }
    ackMs.sort((a, b) => a - b);
    everyMs.sort((a, b) => a - b);
    const screenRefusals = (await Promise.all(children.map((c) => new Promise<number>((resolve) => {
      c.once('message', (m: { refusals: number }) => resolve(m.refusals));
      c.send({ type: 'refusals' });
    })))).reduce((a, b) => a + b, 0);
    const figures: Figure[] = [
      { name: `${screens} screens: send -> acknowledgement at the sender, p50 (${ALERTS} alerts)`, value: percentile(ackMs, 50), unit: 'ms' },
      { name: `${screens} screens: send -> acknowledgement at the sender, p99`, value: percentile(ackMs, 99), unit: 'ms', target: { op: '<', limit: 1000 } },
      { name: `${screens} screens: send -> every screen acknowledged, worst of ${ALERTS}`, value: everyMs.at(-1)!, unit: 'ms' },
      { name: `${screens} screens: refusals at screens and sender (none expected)`, value: screenRefusals + refused, unit: 'refusals', target: { op: '<=', limit: 0 } },
    ];
    if (screens < 1000) return { figures };

    figures.unshift(
      { name: `broker (Mosquitto) memory with ${screens} screens connected`, value: idle.rssKb / 1024, unit: 'MB' },
      { name: `broker CPU with ${screens} screens connected and quiet (10 s)`, value: (100 * (idle.cpuMs - before.cpuMs)) / 10_000, unit: '%' },
    );
    // SIGKILL one process of screens: the broker's Last Wills say which went away.
    const publisher = await connectAsync(url, { username: 'centrale-pc', password: users[0]!.password, reconnectPeriod: 0 });
    clients.push(publisher);
    const offline = new Map<string, number>();
    let killedAt = 0;
    publisher.on('message', (topic, payload) => {
      if (payload.toString() === 'offline' && killedAt) offline.set(topic.split('/').at(-2)!, Date.now() - killedAt);
    });
    await publisher.subscribeAsync(`${topics.base}/screens/+/status`, { qos: 1 });
    await sleep(500);
    const victims = Object.keys(tokens[0]!);
    killedAt = Date.now();
    children[0]!.kill('SIGKILL');
    while (victims.some((id) => !offline.has(id)) && Date.now() - killedAt < 2 * KEEPALIVE_S * 1000) await sleep(20);
    const lastWill = Math.max(...victims.map((id) => offline.get(id) ?? Infinity));
    return {
      figures,
      kill: [
        { name: `${victims.length} screens killed (SIGKILL): last one shown offline after`, value: lastWill, unit: 'ms', target: { op: '<', limit: 1.5 * KEEPALIVE_S * 1000 } },
        { name: 'screens wrongly shown offline (others of the fleet)', value: [...offline.keys()].filter((id) => !victims.includes(id)).length, unit: 'screens', target: { op: '<=', limit: 0 } },
      ],
    };
  } finally {
    await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.send({ type: 'stop' });
    await sleep(500);
    for (const child of children) child.kill('SIGKILL');
    await broker.stop();
  }
}

export async function fleetMqttBench(): Promise<{ title: string; figures: Figure[] }> {
  if (!MOSQUITTO) {
    return { title: 'Fleet over MQTT: SKIPPED (mosquitto is not installed here; .ci/run installs it, or: apt-get install mosquitto)', figures: [] };
  }
  const board = await round(1000, 4);
  const school = await round(200, 4);
  return {
    title: `Fleet over MQTT: Debian's Mosquitto on loopback with the fleet's ACL, screens as mqtt.js clients (keepalive ${KEEPALIVE_S} s)`,
    figures: [...board.figures, ...(board.kill ?? []), ...school.figures],
  };
}
