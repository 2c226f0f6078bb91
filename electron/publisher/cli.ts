import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { shiftedClock, systemClock, type Clock } from '../core/clock';
import { loadOrCreateKeyFile } from '../core/db/keyFile';
import { type AlertMessage, TEMPLATE_WORDS } from '../core/fleet/alertMessage';
import { sendAlert } from '../core/fleet/alertSender';
import { type FleetKeyPair, keyPairFromPem, newKeyPair, privateKeyPem, publicKeyText, spokenFingerprint } from '../core/fleet/keys';
import { createPublisher } from '../core/fleet/publisher';
import { createLogger, type Logger } from '../core/logger';
import { fileSecretStore } from '../core/secrets/fileSecretStore';
import type { SecretStore } from '../core/secrets/secretStore';
import { fileSettingsStore } from '../core/settings/store';
import { checkSnapshot } from '../core/sync/checkPayload';
import { createSource, secretNamesOf } from '../core/sync/sources';
import { parsePublisherArgs, type PublisherArgs, UsageError } from './args';
import { addSender, approve, type FleetContext, fleetStatus, keepProfiles, listRequests, revoke, watchAcknowledgements } from './fleetAdmin';

// The school's publisher without a window (docs/fleet.md): `npm run publisher -- --data-dir DIR --folder F --school ID`.
// It syncs the configured source (DIR/settings.json; the demo school when none) in kiosk scope and signs what every
// screen shows into the fleet folder. Its other commands (fleetAdmin.ts) send alerts and keep the roster.

const KEY_SECRET = 'fleet.publisherKey';

/** The publisher's signing key, from this machine's secret store (made on first start); never a plain file. */
async function publisherKey(secrets: SecretStore): Promise<FleetKeyPair> {
  const stored = await secrets.get(KEY_SECRET);
  if (stored) return keyPairFromPem(stored);
  const pair = newKeyPair();
  await secrets.set(KEY_SECRET, privateKeyPem(pair));
  return pair;
}

async function publishLoop(args: PublisherArgs, key: FleetKeyPair, secrets: SecretStore, clock: Clock, log: Logger, fleet: FleetContext): Promise<void> {
  const settings = fileSettingsStore(join(args.dataDir, 'settings.json'), { mode: 'staff' });
  const publisher = createPublisher({ folder: args.folder, school: args.school, key, now: () => clock.now(), log });
  const once = async () => {
    const config = settings.get().source;
    if (config?.type === 'fleet') throw new Error('the publisher\'s own source cannot be a fleet folder: set the school\'s timetable source in its settings');
    const values = new Map<string, string>();
    for (const name of secretNamesOf(config)) {
      const value = await secrets.get(name);
      if (value !== null) values.set(name, value);
    }
    const source = createSource(config);
    // Kiosk scope: the upstream is asked for what screens show, so no pupil and no teacher's name is ever in a bundle.
    const ctx = {
      scope: 'kiosk' as const, now: clock.now(), zone: settings.get().zone, cursor: null, signal: AbortSignal.timeout(300_000),
      progress: () => {}, secret: (name: string) => values.get(name) ?? null,
    };
    const payload = source.normalise(source.validate(await source.fetch(ctx), ctx), ctx);
    if (payload.kind !== 'snapshot') throw new Error(`the source answered with ${payload.kind}, not the whole picture`);
    checkSnapshot(payload);
    const result = await publisher.publish(payload);
    // The roster carries the school's display profiles, so that a screen runs the one assigned to it.
    await keepProfiles(fleet, settings.get().display.profiles);
    process.stdout.write(`${new Date(clock.now()).toISOString()} ${result.kind === 'unchanged' ? 'unchanged' : `${result.kind} bundle ${result.seq} (${result.bytes} bytes)`}\n`);
  };
  for (;;) {
    try {
      await once();
    } catch (error) {
      // The folder keeps the last bundle: screens go on showing it, with its age, until the next sync works.
      log.error('fleet.publish-failed', { reason: (error as Error).message });
      process.stderr.write(`publishing failed: ${(error as Error).message}\n`);
      if (args.once) process.exitCode = 1;
    }
    if (args.once) return;
    await new Promise((done) => setTimeout(done, args.intervalSeconds * 1000));
  }
}

async function alert(args: PublisherArgs, key: FleetKeyPair, clock: Clock, fleet: FleetContext): Promise<void> {
  const now = clock.now();
  const words = TEMPLATE_WORDS[args.template];
  const message: AlertMessage = {
    id: randomUUID(), template: args.template, title: args.title ?? words.title, text: args.text || words.text,
    drill: args.drill, audience: args.groups, sentAt: now, expiresAt: now + args.minutes * 60_000,
  };
  await sendAlert({ folder: args.folder, school: args.school, key, seq: now, alert: message });
  process.stdout.write(`Sent ${args.drill ? 'drill ' : ''}alert "${message.title}" (${message.id}) to ${args.groups.length ? args.groups.join(', ') : 'every screen'}\n`);
  if (args.wait) await watchAcknowledgements(fleet, message.id, 30_000);
}

async function main(): Promise<void> {
  const args = parsePublisherArgs(process.argv.slice(2));
  const dataDir = resolve(args.dataDir);
  const log = createLogger({ file: join(dataDir, 'logs', 'publisher.log') });
  const cacheKey = loadOrCreateKeyFile(join(dataDir, 'cache.key'));
  const secrets = fileSecretStore(join(dataDir, 'secrets.json'), cacheKey);
  const key = await publisherKey(secrets);
  const clock = args.now === null && args.clockRate === 1 ? systemClock : shiftedClock(args.now ?? Date.now(), args.clockRate);
  const fleet: FleetContext = { dataDir, folder: args.folder, school: args.school, key, now: () => clock.now(), out: (line) => process.stdout.write(`${line}\n`) };
  switch (args.command) {
    case 'alert':
      return alert(args, key, clock, fleet);
    case 'requests':
      return listRequests(fleet);
    case 'approve':
      return approve(fleet, args.screen!, args.name!, args.profile);
    case 'revoke':
      return revoke(fleet, args.screen!);
    case 'add-sender':
      return addSender(fleet, args.name!, args.key!);
    case 'status':
      return void (await fleetStatus(fleet, args.csv));
    case 'publish':
      break;
  }
  // The public key and its fingerprint are no secret: whoever mounts a screen pins them.
  process.stdout.write(`Publisher key: ${publicKeyText(key.publicKey)}\nFingerprint: ${spokenFingerprint(key.publicKey)}\n`);
  await publishLoop({ ...args, dataDir }, key, secrets, clock, log, fleet);
}

main().catch((error: unknown) => {
  process.stderr.write(`gangbord publisher: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
