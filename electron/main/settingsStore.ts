import { join } from 'node:path';
import ElectronStore, { type Options } from 'electron-store';
import type { SettingsInput } from '../../shared/settings';
import type { Logger } from '../core/logger';
import { type JsonStore, type JsonStoreOptions, type OpenedSettings, openSettings } from './settingsOnDisk';

export const SETTINGS_FILE = 'settings.json';

function openElectronStore(options: JsonStoreOptions): JsonStore {
  // Our options are conf's, typed loosely (the JSON schema is generated, not written out as a TypeScript type).
  return new ElectronStore(options as unknown as Options<Record<string, unknown>>);
}

/** The machine settings, in electron-store at `<userData>/settings.json`, checked against shared/settings.ts. */
export function openMachineSettings(userData: string, log: Logger, overrides: Partial<SettingsInput>): OpenedSettings {
  return openSettings(join(userData, SETTINGS_FILE), openElectronStore, { log, overrides });
}
