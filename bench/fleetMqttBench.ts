import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newKeyPair, privateKeyPem, publicKeyText } from '../electron/core/fleet/keys';
import { MOSQUITTO, startMosquitto } from '../electron/core/fleet/mqtt/testing/mosquittoProcess';
import { fleetTopics } from '../electron/core/fleet/mqtt/topics';
import { ask } from '../electron/core/fleet/testing/fleetOnLoopback';
import { percentile } from './percentiles';
import type { Figure } from './report';

/*
 * The fleet over MQTT (docs/fleet-mqtt.md) at a board's scale: 1,000 simulated screens (mqtt.js clients in four
 * processes) on Debian's Mosquitto on loopback, with the password file and ACL the publisher writes. Ten alerts, each
 * pushed to every screen, checked by signature there and acknowledged, signed, back: from the publisher's send to every
 * acknowledgement checked at the publisher (its real MQTT store, in a process of its own). Then a process of 250
 * screens killed with SIGKILL: how soon the broker's Last Wills reach the publisher. The broker's and the publisher's
 * memory and CPU with 1,000 screens connected; and the same alert round with 200 screens, for the folder bench's
 * figures beside it (`npm run bench -- fleet fleet-mqtt`).
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
  const publisherKey = newKeyPair();
  const users = [{ username: 'centrale-pc', password: randomBytes(24).toString('base64url'), role: { role: 'publisher' as const } }];
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
  const fork_ = (script: string, env: Record<string, string>) => {
    const child = fork(join(import.meta.dirname, script), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, FLEET_SCHOOL: SCHOOL, ...env } });
    children.push(child);
    return child;
  };
  try {
    const keys: Record<string, string> = {};
    await Promise.all(tokens.map(async (t) => {
      const child = fork_('fleetMqttScreens.ts', { FLEET_SENDER: publicKeyText(publisherKey.publicKey), FLEET_SENDER_ID: publisherKey.keyId, FLEET_KEEPALIVE: String(KEEPALIVE_S) });
      const ready = await ask<{ screens: { id: string; key: string }[] }>(child, { type: 'start', url, tokens: t }, 'ready');
      for (const s of ready.screens) keys[s.id] = s.key;
    }));
    // The publisher, in a process of its own: the fleet's MQTT store, alert sender and acknowledgement checks.
    const publisher = fork_('fleetMqttPublisher.ts', { FLEET_URL: url, FLEET_TOKEN: users[0]!.password, FLEET_PUBLISHER_PEM: privateKeyPem(publisherKey) });
    await ask(publisher, {}, 'started');
    // Its footprint before it holds anything of the fleet (Node and tsx, the store not yet subscribed), for comparison.
    const bare = procUsage(publisher.pid!);
    await ask(publisher, { type: 'screens', screens: keys }, 'ready');

    // Every screen connected and quiet: the broker's and the publisher's memory, and their CPU over ten seconds.
    const before = { broker: procUsage(broker.pid), publisher: procUsage(publisher.pid!) };
    await sleep(10_000);
    const idle = { broker: procUsage(broker.pid), publisher: procUsage(publisher.pid!) };

    const ackMs: number[] = [];
    const everyMs: number[] = [];
    let refused = 0;
    const busyFrom = { at: Date.now(), cpu: procUsage(publisher.pid!).cpuMs };
    for (let r = 0; r < ALERTS; r++) {
      const result = await ask<{ ackMs: (number | null)[]; refused: number }>(publisher, { type: 'alert', round: r }, 'acks');
      ackMs.push(...result.ackMs.map((ms) => ms ?? Infinity));
      everyMs.push(Math.max(...result.ackMs.map((ms) => ms ?? Infinity)));
      refused = result.refused;
      await sleep(1_000);
    }
    const busy = { ms: Date.now() - busyFrom.at, cpu: procUsage(publisher.pid!).cpuMs - busyFrom.cpu, rssKb: procUsage(publisher.pid!).rssKb };
    ackMs.sort((a, b) => a - b);
    everyMs.sort((a, b) => a - b);
    const screenRefusals = (await Promise.all(children.filter((c) => c !== publisher).map((c) => ask<{ refusals: number }>(c, { type: 'refusals' }, 'refusals'))))
      .reduce((a, b) => a + b.refusals, 0);
    const figures: Figure[] = [
      { name: `${screens} screens: send -> acknowledgement checked at the publisher, p50 (${ALERTS} alerts)`, value: percentile(ackMs, 50), unit: 'ms' },
      { name: `${screens} screens: send -> acknowledgement checked at the publisher, p99`, value: percentile(ackMs, 99), unit: 'ms', target: { op: '<', limit: 1000 } },
      { name: `${screens} screens: send -> every screen acknowledged, worst of ${ALERTS}`, value: everyMs.at(-1)!, unit: 'ms' },
      { name: `${screens} screens: refusals at screens and publisher (none expected)`, value: screenRefusals + refused, unit: 'refusals', target: { op: '<=', limit: 0 } },
    ];
    if (screens < 1000) return { figures };

    const cpu = (a: { cpuMs: number }, b: { cpuMs: number }) => (100 * (b.cpuMs - a.cpuMs)) / 10_000;
    figures.unshift(
      { name: `broker (Mosquitto) memory with ${screens} screens connected`, value: idle.broker.rssKb / 1024, unit: 'MB' },
      { name: `broker CPU with ${screens} screens connected and quiet (10 s)`, value: cpu(before.broker, idle.broker), unit: '%' },
      { name: 'publisher memory as it started (Node and tsx, nothing of the fleet held yet)', value: bare.rssKb / 1024, unit: 'MB' },
      { name: `publisher memory with ${screens} screens connected (their statuses and acknowledgements held)`, value: idle.publisher.rssKb / 1024, unit: 'MB' },
      { name: `publisher CPU with ${screens} screens connected and quiet (10 s)`, value: cpu(before.publisher, idle.publisher), unit: '%' },
      { name: `publisher CPU over ${ALERTS} alert rounds (${screens} acknowledgements each checked by signature)`, value: (100 * busy.cpu) / busy.ms, unit: '%' },
      { name: 'publisher memory after the alert rounds', value: busy.rssKb / 1024, unit: 'MB' },
    );
    // SIGKILL one process of screens: the broker's Last Wills say which went away, as the publisher reads them.
    const victims = Object.keys(tokens[0]!);
    const killedAt = Date.now();
    children[0]!.kill('SIGKILL');
    let offline: string[] = [];
    let lastWill = Infinity;
    while (Date.now() - killedAt < 2 * KEEPALIVE_S * 1000) {
      offline = (await ask<{ offline: string[] }>(publisher, { type: 'offline' }, 'offline')).offline;
      if (victims.every((id) => offline.includes(id))) {
        lastWill = Date.now() - killedAt;
        break;
      }
      await sleep(20);
    }
    return {
      figures,
      kill: [
        { name: `${victims.length} screens killed (SIGKILL): all shown offline at the publisher after`, value: lastWill, unit: 'ms', target: { op: '<', limit: 1.5 * KEEPALIVE_S * 1000 } },
        { name: 'screens wrongly shown offline (others of the fleet)', value: offline.filter((id) => !victims.includes(id)).length, unit: 'screens', target: { op: '<=', limit: 0 } },
      ],
    };
  } finally {
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
