import { join } from 'node:path';
import { app } from 'electron';
import { spokenFingerprint } from '../core/fleet/keys';
import { createPublishLoop } from '../core/fleet/publishLoop';
import { publisherKey } from '../core/fleet/storedKeys';
import { attachPublisherBroker } from '../core/fleet/mqtt/publisherBroker';
import type { FleetContext } from '../core/fleet/fleetAdmin';
import type { Logger } from '../core/logger';
import { vaultSecretStore } from '../core/secrets/vaultSecretStore';
import { safeStorageVault } from './safeStorageVault';
import { openMachineSettings } from './settingsStore';

/**
 * `--publisher` (docs/fleet.md): this installation, set up first in staff mode (the school's source, its credential,
 * `fleet` in its settings), runs as the school's fleet publisher with no window, as a service would. It uses the
 * staff app's own settings, secret store and publisher key, so the Screens page of the same installation and this
 * service sign as one publisher. The loop itself is the core's, shared with `npm run publisher`.
 */
export async function startPublisherService(log: Logger): Promise<void> {
  app.dock?.hide();
  const userData = app.getPath('userData');
  const settings = openMachineSettings(userData, log, {}).store;
  const fleet = settings.get().fleet;
  if (!fleet || fleet.role !== 'publisher') {
    throw new Error('--publisher needs this installation set up as the fleet\'s publisher: "fleet": {"folder", "school"} in its settings (docs/fleet.md)');
  }
  const secrets = vaultSecretStore(join(userData, 'secrets.enc.json'), safeStorageVault);
  const key = await publisherKey(secrets);
  const context: FleetContext = { dataDir: userData, folder: fleet.folder, school: fleet.school, key, now: Date.now };
  // Over the fleet's broker too when it has one (docs/fleet-mqtt.md), running it when it is the embedded one.
  const broker = fleet.mqtt ? await attachPublisherBroker(context, { mqtt: fleet.mqtt, secrets, log }) : null;
  const loop = createPublishLoop({
    fleet: context,
    settings: () => settings.get(), secrets, log, intervalMs: fleet.publishEverySeconds * 1000,
    onRound: (outcome) => ('error' in outcome ? undefined : log.info('publisher.round', { kind: outcome.published.kind })),
  });
  loop.start();
  log.info('publisher.started', { folder: fleet.folder, school: fleet.school, fingerprint: spokenFingerprint(key.publicKey) });
  // The round under way ends before the process does (a supervisor's SIGTERM reaches app.quit through lifecycle.ts).
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void loop.stop().then(() => broker?.stop()).finally(() => {
      stopped = true;
      app.quit();
    });
  });
}
