import { readFile } from 'node:fs/promises';
import type { FleetMqttConfig } from '@shared/settings';
import type { Logger } from '../../logger';
import type { SecretStore } from '../../secrets/secretStore';
import { brokerToken } from '../mqtt/brokerCredentials';
import { type FleetRole, fleetTopics } from '../mqtt/topics';
import { bothStores } from './bothStores';
import { fleetFile, type FleetStore } from './fleetStore';
import { folderStore } from './folderStore';
import { type MqttStore, mqttStore } from './mqttStore';

export interface OpenFleetStore {
  folder: string;
  school: string;
  mqtt?: FleetMqttConfig;
  role: FleetRole;
  username: string;
  secrets: SecretStore;
  log: Logger;
}

/** The folder alone, or the broker for push with the folder as the fallback (bothStores.ts). */
export async function openFleetStore(o: OpenFleetStore): Promise<FleetStore | MqttStore> {
  const folder = folderStore(o.folder);
  if (!o.mqtt) return folder;
  const ca = await brokerCa(o.mqtt, o.log);
  // No unchecked connection instead: the folder alone, as before the broker was set.
  if (ca === false) return folder;
  const broker = mqttStore({
    url: o.mqtt.url, ca, topics: fleetTopics(o.mqtt.prefix, o.school), role: o.role, username: o.username,
    password: await brokerToken(o.secrets), log: o.log, keepaliveSeconds: o.mqtt.keepaliveSeconds,
  });
  return bothStores(broker, folder, {
    ownFiles: () => ownFiles(o.role, folder),
    onRepublished: (file) => o.log.info('fleet.mqtt-republished', { file }),
  });
}

/** The certificate authority the settings name (null: the system's), or false when it cannot be read (logged). */
export async function brokerCa(mqtt: FleetMqttConfig, log: Logger): Promise<Buffer | null | false> {
  if (!mqtt.caFile) return null;
  try {
    return await readFile(mqtt.caFile);
  } catch (error) {
    log.error('fleet.mqtt-ca-unreadable', { caFile: mqtt.caFile, reason: (error as Error).message, using: 'the folder only' });
    return false;
  }
}

/** What each role writes, and so brings back to a broker that lost it. */
async function ownFiles(who: FleetRole, folder: FleetStore): Promise<string[]> {
  switch (who.role) {
    case 'publisher':
      return [fleetFile.roster, fleetFile.bundle, fleetFile.delta, fleetFile.commands, ...(await folder.list(fleetFile.alerts).catch(() => [])).map((name) => `${fleetFile.alerts}/${name}`)];
    case 'sender':
      return [fleetFile.alertOf(who.keyId)];
    case 'screen':
      return [fleetFile.statusOf(who.screenId), fleetFile.ackOf(who.screenId)];
    case 'board':
      return [];
  }
}

export const isMqttStore = (store: FleetStore): store is MqttStore => 'connected' in store;
