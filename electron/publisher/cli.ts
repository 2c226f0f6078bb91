import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { alertFromCap, CapError, fetchCap } from '../core/fleet/capAlert';
import { shiftedClock, systemClock } from '../core/clock';
import { loadOrCreateKeyFile } from '../core/db/keyFile';
import { publicKeyText, spokenFingerprint } from '../core/fleet/keys';
import { publisherKey } from '../core/fleet/storedKeys';
import { createPublishLoop } from '../core/fleet/publishLoop';
import { attachPublisherBroker } from '../core/fleet/mqtt/publisherBroker';
import { createLogger, type Logger } from '../core/logger';
import { fileSecretStore } from '../core/secrets/fileSecretStore';
import type { SecretStore } from '../core/secrets/secretStore';
import { fileSettingsStore } from '../core/settings/store';
import { parsePublisherArgs, type PublisherArgs, UsageError } from './args';
import {
  acknowledgements,
  addSender,
  type AlertRequest,
  approve,
  type FleetContext,
  FleetAdminError,
  loadRoster,
  revoke,
  screenStatuses,
  sendFleetAlert,
  statusCsv,
  waitingScreens,
} from '../core/fleet/fleetAdmin';

// The school's publisher without a window (docs/fleet.md): `npm run publisher -- --data-dir DIR --folder F --school ID`.
// It syncs the configured source (DIR/settings.json; the demo school when none) in kiosk scope and signs what every
// screen shows into the fleet folder. Its other commands (fleetAdmin.ts) send alerts and keep the roster.

/** Publishes every interval (or once) until the service is stopped; a failed round keeps the last bundle in the folder. */
async function publish(args: PublisherArgs, secrets: SecretStore, log: Logger, fleet: FleetContext): Promise<void> {
  const settings = fileSettingsStore(join(args.dataDir, 'settings.json'), { mode: 'staff' });
  const loop = createPublishLoop({
    fleet, settings: () => settings.get(), secrets, log, intervalMs: args.intervalSeconds * 1000,
    onRound: (outcome) => {
      const at = new Date(outcome.at).toISOString();
      if ('error' in outcome) return void process.stderr.write(`${at} publishing failed: ${outcome.error.message}\n`);
      const p = outcome.published;
      const s = outcome.staff;
      const staff = s.kind === 'full' || s.kind === 'delta' ? `; staff ${s.kind} bundle ${s.seq} (${s.bytes} bytes, ${s.recipients} staff PCs)` : '';
      process.stdout.write(`${at} ${p.kind === 'unchanged' ? 'unchanged' : `${p.kind} bundle ${p.seq} (${p.bytes} bytes)`}${staff}\n`);
    },
  });
  if (args.once) {
    if (!(await loop.round())) process.exitCode = 1;
    return;
  }
  loop.start();
  // A service manager stops it with SIGTERM (systemd) or Ctrl+C: the round under way ends first.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void loop.stop().then(() => process.exit(0)));
}

/** The alert to send: from the command line's words, or read from a CAP 1.2 file or address. */
async function alertRequest(args: PublisherArgs, now: number): Promise<AlertRequest> {
  if (args.cap === null) return { template: args.template, title: args.title, text: args.text, drill: args.drill, groups: args.groups, minutes: args.minutes };
  const cap = /^https?:\/\//i.test(args.cap) ? await fetchCap(args.cap, now) : alertFromCap(await readFile(args.cap, 'utf8'), now);
  out(`CAP alert ${cap.identifier} from ${cap.sender}${cap.drill ? ' (exercise or test: shown as a drill)' : ''}`);
  return { ...cap, groups: args.groups };
}

async function alert(args: PublisherArgs, fleet: FleetContext): Promise<void> {
  const message = await sendFleetAlert(fleet, await alertRequest(args, fleet.now()));
  out(`Sent ${message.drill ? 'drill ' : ''}alert "${message.title}" (${message.id}) to ${args.groups.length ? args.groups.join(', ') : 'every screen'}`);
  if (!args.wait) return;
  // The live count, until every screen shows it or half a minute passes.
  const until = Date.now() + 30_000;
  let last = '';
  for (;;) {
    const count = await acknowledgements(fleet, message.id);
    const line = `${count.shown.length} of ${count.total} screens show it${count.missing.length ? `; not yet: ${count.missing.map((m) => m.name).join(', ')}` : ''}`;
    if (line !== last) out(line);
    last = line;
    if (count.missing.length === 0 || Date.now() > until) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const out = (line: string): void => void process.stdout.write(`${line}\n`);

async function fleetCommand(args: PublisherArgs, fleet: FleetContext): Promise<void> {
  switch (args.command) {
    case 'alert':
      return alert(args, fleet);
    case 'requests': {
      const waiting = await waitingScreens(fleet);
      if (waiting.length === 0) return out('No screens are waiting.');
      for (const r of waiting) out(`${r.id}  fingerprint ${r.fingerprint}  asked ${new Date(r.at).toISOString()}`);
      return;
    }
    case 'approve': {
      const request = await approve(fleet, args.screen!, args.name!, args.profile);
      return out(`Approved ${request.id} as "${args.name}" (fingerprint ${request.fingerprint}).`);
    }
    case 'revoke': {
      const { name } = await revoke(fleet, args.screen!);
      return out(`Revoked ${args.screen} ("${name}"): its key is no longer believed.`);
    }
    case 'add-sender':
      return out(`Added alert sender "${args.name}" (fingerprint ${await addSender(fleet, args.name!, args.key!)}).`);
    case 'status': {
      const rows = await screenStatuses(fleet, loadRoster(fleet));
      return out(args.csv ? statusCsv([{ school: fleet.school, rows }]).join('\n') : JSON.stringify(rows, null, 2));
    }
    case 'publish':
      return;
  }
}

async function main(): Promise<void> {
  const args = parsePublisherArgs(process.argv.slice(2));
  const dataDir = resolve(args.dataDir);
  const log = createLogger({ file: join(dataDir, 'logs', 'publisher.log') });
  const cacheKey = loadOrCreateKeyFile(join(dataDir, 'cache.key'));
  const secrets = fileSecretStore(join(dataDir, 'secrets.json'), cacheKey);
  const key = await publisherKey(secrets);
  const clock = args.now === null && args.clockRate === 1 ? systemClock : shiftedClock(args.now ?? Date.now(), args.clockRate);
  const fleet: FleetContext = { dataDir, folder: args.folder, school: args.school, key, now: () => clock.now() };
  // With a broker in the settings (docs/fleet-mqtt.md), over it and the folder; only the publishing process runs an
  // embedded broker, a one-off command beside it connects.
  const mqtt = fileSettingsStore(join(dataDir, 'settings.json'), { mode: 'staff' }).get().fleet?.mqtt;
  const broker = mqtt ? await attachPublisherBroker(fleet, { mqtt, secrets, log, runEmbedded: args.command === 'publish' }) : null;
  if (args.command !== 'publish') return fleetCommand(args, fleet).finally(() => broker?.stop());
  // The public key and its fingerprint are no secret: whoever mounts a screen pins them.
  process.stdout.write(`Publisher key: ${publicKeyText(key.publicKey)}\nFingerprint: ${spokenFingerprint(key.publicKey)}\n`);
  await publish({ ...args, dataDir }, secrets, log, fleet);
}

main().catch((error: unknown) => {
  process.stderr.write(`gangbord publisher: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof UsageError || error instanceof FleetAdminError || error instanceof CapError ? 2 : 1);
});
