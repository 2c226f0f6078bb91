import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { Logger } from '../../logger';
import { memorySecretStore } from '../../secrets/secretStore';
import { type FleetContext, loadRoster } from '../fleetAdmin';
import { brokerToken, publisherUsername } from '../mqtt/brokerCredentials';
import { type PublisherBroker, startPublisherBroker } from '../mqtt/publisherBroker';
import { type RunningMosquitto, runMosquitto } from '../mqtt/testing/mosquittoProcess';
import { isMqttStore } from '../store/openFleetStore';
import { freePort } from '../../testing/freePort';

/*
 * A fleet on loopback for the fleet tests (fleet.integration.test.ts, mqtt/brokerRestart.integration.test.ts): kiosk
 * cores in processes of their own (fleetKioskProcess.ts), and the publisher's broker as a school or a board runs it.
 */

/** Sends `message` (none when empty) and resolves with the first reply of type `reply`. */
export function ask<T>(child: ChildProcess, message: object, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== reply) return;
      child.off('message', onMessage);
      resolve(m as T);
    };
    child.on('message', onMessage);
    if (Object.keys(message).length) child.send(message);
  });
}

export interface ScreenProcess {
  folder: string;
  school: string;
  publisherKey: string;
  dataDir: string;
  now: number;
  mqttUrl?: string | null;
}

/** One kiosk core in a process of its own, on the fleet folder (and the broker at `mqttUrl`). Resolves when it runs. */
export async function forkScreen(o: ScreenProcess): Promise<ChildProcess> {
  const child = fork(join(import.meta.dirname, 'fleetKioskProcess.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env, FLEET_FOLDER: o.folder, FLEET_SCHOOL: o.school, FLEET_KEY: o.publisherKey, FLEET_DATA: o.dataDir, FLEET_NOW: String(o.now),
      ...(o.mqttUrl ? { FLEET_MQTT_URL: o.mqttUrl } : {}),
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  // What a screen says on stderr is passed on, but node-cron's note that a one-second sync was still running when the
  // next second came (twenty screens starting on two cores) is expected here and only noise.
  child.stderr!.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim() && !line.includes('overlap prevention')) process.stderr.write(`${line}\n`);
  });
  await ask(child, {}, 'ready');
  return child;
}

/** Stops screens, asking first and killing those that do not stop within ten seconds. */
export async function stopScreens(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(children.map((child) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(null);
    child.once('exit', resolve);
    // A screen that answered the scan is already on its way out: its channel may be closed.
    if (child.connected) child.send({ type: 'stop' }, () => undefined);
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  })));
}

export interface PublisherOnBroker {
  url: string;
  broker: PublisherBroker;
  mosquitto: RunningMosquitto | null;
  /** The publisher's own broker token, for a look at what the broker holds. */
  token: string;
  stop(): Promise<void>;
}

/**
 * The publisher's broker connection, as on its desk (mqtt/publisherBroker.ts), put into `ctx`: on Debian's Mosquitto
 * with the password and ACL files it writes, or on the broker it embeds. Screens get a keepalive of 2 s.
 */
export async function publisherOnBroker(o: {
  transport: 'mosquitto' | 'embedded';
  ctx: FleetContext;
  ownFolder: string;
  log: Logger;
  /** Other schools of the board whose screens this desk watches. */
  board?: { school: string; publisherKey: string }[];
}): Promise<PublisherOnBroker> {
  const port = await freePort();
  const url = `mqtt://127.0.0.1:${port}`;
  const secrets = memorySecretStore();
  const broker = await startPublisherBroker({
    dataDir: o.ctx.dataDir, folder: o.ownFolder, school: o.ctx.school, secrets, log: o.log, roster: () => loadRoster(o.ctx),
    mqtt: { url, prefix: 'gangbord', embedded: o.transport === 'embedded', keepaliveSeconds: 2, board: o.board ?? [] },
  });
  const token = await brokerToken(secrets);
  const mosquitto = o.transport === 'mosquitto'
    ? await runMosquitto({
      port, passwords: join(o.ctx.dataDir, 'mqtt', 'passwords'), acl: join(o.ctx.dataDir, 'mqtt', 'acl'),
      probe: { username: publisherUsername(o.ctx.school), password: token },
    })
    : null;
  Object.assign(o.ctx, { store: broker.store, afterRoster: broker.afterRoster });
  if (!isMqttStore(broker.store) || !(await broker.store.ready(10_000))) throw new Error(`the publisher did not get onto the broker at ${url}`);
  return {
    url, broker, mosquitto, token,
    async stop() {
      await broker.stop();
      await mosquitto?.stop();
    },
  };
}
