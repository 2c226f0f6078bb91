import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createCore } from '../core/app';
import { shiftedClock, systemClock } from '../core/clock';
import { loadOrCreateKeyFile } from '../core/db/keyFile';
import { createLogger } from '../core/logger';
import { fileSecretStore } from '../core/secrets/fileSecretStore';
import { fileSettingsStore } from '../core/settings/store';
import { parseWebHostArgs, UsageError } from './args';
import { startWebHost } from './server';

// The web host: `npm run web -- --mode kiosk|staff --data-dir DIR [--port N] [--now ISO] [--clock-rate R]`.
// Prints exactly one line on stdout, `Listening: <url>`; everything else goes to the log file (and errors to stderr).
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

async function main(): Promise<void> {
  const args = parseWebHostArgs(process.argv.slice(2));
  const dataDir = resolve(args.dataDir);
  const rendererDir = join(root, 'out', 'renderer');
  if (!existsSync(join(rendererDir, `${args.mode}.html`))) {
    throw new UsageError(`The renderer is not built (${rendererDir}); run "npm run build" or start through "npm run web".`);
  }
  const log = createLogger({ file: join(dataDir, 'logs', 'gangbord.log') });
  const settings = fileSettingsStore(join(dataDir, 'settings.json'), { mode: args.mode });
  const key = loadOrCreateKeyFile(join(dataDir, 'cache.key'));
  const clock = args.now === null && args.clockRate === 1 ? systemClock : shiftedClock(args.now ?? Date.now(), args.clockRate);
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

  const core = createCore({
    mode: args.mode, dataDir, key, settings, clock, log, version,
    secrets: fileSecretStore(join(dataDir, 'secrets.json'), key),
    provisioningFile: args.provisioning ? resolve(args.provisioning) : join(dataDir, 'provisioning.json'),
    profileOverride: args.profile,
    workerScript: { kind: 'ts', entry: pathToFileURL(join(root, 'electron', 'core', 'sync', 'worker', 'entry.ts')).href },
  });
  key.fill(0);
  await core.start();
  const host = await startWebHost({ core, mode: args.mode, rendererDir, port: args.port, log });
  log.info('web.listening', { mode: args.mode, port: new URL(host.url).port, now: args.now, clockRate: args.clockRate });
  process.stdout.write(`Listening: ${host.url}\n`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await host.close();
    await core.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`gangbord web host: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
