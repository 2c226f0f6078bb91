import { join } from 'node:path';
import { ipcMain } from 'electron';
import ElectronStore, { type Options } from 'electron-store';
import type { SettingsInput } from '@shared/settings';
import type { Logger } from '../core/logger';
import { type JsonStore, type JsonStoreOptions, type OpenedSettings, openSettings } from './settingsOnDisk';

export const SETTINGS_FILE = 'settings.json';

// electron-store answers this channel for stores created in a renderer; ours never are, and every IPC channel the
// app leaves open must check its sender (docs/architecture.md §3, invariant 2), which this one does not.
const ELECTRON_STORE_CHANNEL = 'electron-store-get-data';

function openElectronStore(options: JsonStoreOptions): JsonStore {
  // Our options are conf's, typed loosely (the JSON schema is generated, not written out as a TypeScript type).
  const store = new ElectronStore(options as unknown as Options<Record<string, unknown>>);
  ipcMain.removeAllListeners(ELECTRON_STORE_CHANNEL);
  return store;
}

/** The machine settings, in electron-store at `<userData>/settings.json`, checked against shared/settings.ts. */
export function openMachineSettings(userData: string, log: Logger, overrides: Partial<SettingsInput>): OpenedSettings {
  return openSettings(join(userData, SETTINGS_FILE), openElectronStore, { log, overrides });
}
