import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { type BrokerClient, mosquittoAcl, mosquittoPasswordLine } from '../mosquittoConfig';
import type { FleetTopics } from '../topics';
import { freePort } from '../../../testing/freePort';

/** Debian's Mosquitto, where it is installed (`.ci/run` installs it). */
export const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'].find((p) => existsSync(p)) ?? null;

export interface RunningMosquitto {
  port: number;
  pid: number;
  stop(): Promise<void>;
  /** Reads the password and ACL files again (SIGHUP), as a board's IT does after the publisher changed them. */
  reload(): void;
}

/**
 * A Mosquitto on loopback with the password file and ACL the publisher writes for `users`, for tests and the bench.
 * Resolves once the first user can connect.
 */
export async function startMosquitto(
  topics: FleetTopics,
  users: readonly (BrokerClient & { password: string })[],
  extra: string[] = [],
): Promise<RunningMosquitto> {
  const dir = mkdtempSync(join(tmpdir(), 'gangbord-mosquitto-'));
  writeFileSync(join(dir, 'passwords'), `${users.map((u) => mosquittoPasswordLine(u.username, u.password)).join('\n')}\n`);
  writeFileSync(join(dir, 'acl'), mosquittoAcl(topics, users));
  return runMosquitto({ passwords: join(dir, 'passwords'), acl: join(dir, 'acl'), probe: users[0]!, extra, dir });
}

/**
 * Mosquitto with the password and ACL files the publisher writes (mqtt/publisherBroker.ts), on `port` (a free one
 * by default); `probe` is a user that can sign in, to know when it is up. SIGHUP (`reload`) reads the files again.
 */
export async function runMosquitto(o: {
  passwords: string;
  acl: string;
  probe: { username: string; password: string };
  port?: number;
  extra?: string[];
  dir?: string;
  /** A TLS listener with this certificate (made by testCertificates.ts) instead of a plain one. */
  tls?: { caFile: string; certFile: string; keyFile: string };
}): Promise<RunningMosquitto> {
  if (!MOSQUITTO) throw new Error('mosquitto is not installed');
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'gangbord-mosquitto-'));
  const port = o.port ?? await freePort();
  const extra = o.extra ?? [];
  writeFileSync(join(dir, 'mosquitto.conf'), [
    `listener ${port} 127.0.0.1`, ...(o.tls ? [`cafile ${o.tls.caFile}`, `certfile ${o.tls.certFile}`, `keyfile ${o.tls.keyFile}`] : []), 'allow_anonymous false', `password_file ${o.passwords}`, `acl_file ${o.acl}`,
    'persistence false', 'log_dest stderr', 'log_type error', 'max_keepalive 600',
    // Started as root (a CI container), Mosquitto would switch to its own user, who cannot read this folder.
    ...(process.getuid?.() === 0 ? ['user root'] : []),
    ...extra,
  ].join('\n'));
  const broker: ChildProcess = spawn(MOSQUITTO, ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let said = '';
  broker.stderr!.on('data', (chunk: Buffer) => void (said += chunk.toString()));
  const stop = async () => {
    if (broker.exitCode === null) {
      const exited = new Promise((resolve) => broker.once('exit', resolve));
      broker.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 50; i++) {
    const up = await connectAsync(o.tls ? `mqtts://localhost:${port}` : `mqtt://127.0.0.1:${port}`, {
      username: o.probe.username, password: o.probe.password, reconnectPeriod: 0, connectTimeout: 500, ...(o.tls ? { ca: readFileSync(o.tls.caFile) } : {}),
    })
      .then((c) => c.endAsync(true).then(() => true), () => false);
    if (up) return { port, pid: broker.pid!, stop, reload: () => void broker.kill('SIGHUP') };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`mosquitto did not start: ${said}`);
}
