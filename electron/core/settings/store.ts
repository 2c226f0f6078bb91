import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Settings, type SettingsInput } from '@shared/settings';

/**
 * Machine settings. Electron keeps them in electron-store (main passes an adapter in); the web host and tests use
 * the JSON file store below. Both validate with the one schema in shared/settings.ts.
 */
export interface SettingsStore {
  get(): Settings;
  /** Validates the whole result; an invalid change throws and changes nothing. */
  update(patch: Partial<SettingsInput>): Settings;
}

export function memorySettingsStore(initial: SettingsInput = {}): SettingsStore {
  let current = Settings.parse(initial);
  return {
    get: () => current,
    update: (patch) => (current = Settings.parse({ ...current, ...patch })),
  };
}

export class SettingsFileError extends Error {
  constructor(readonly file: string, message: string) {
    super(message);
    this.name = 'SettingsFileError';
  }
}

/** A JSON file, replaced atomically on every change so a power cut never leaves half a file. */
export function fileSettingsStore(file: string, overrides: Partial<SettingsInput> = {}): SettingsStore {
  let stored: SettingsInput = {};
  if (existsSync(file)) {
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as SettingsInput;
    } catch (error) {
      throw new SettingsFileError(file, `settings file ${file} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const parsed = Settings.safeParse(stored);
  if (!parsed.success) throw new SettingsFileError(file, `settings file ${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  let saved = parsed.data;
  // Command-line overrides (--mode) apply to this run only; they are not written back.
  let current = Settings.parse({ ...saved, ...overrides });
  return {
    get: () => current,
    update(patch) {
      const next = Settings.parse({ ...saved, ...patch });
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(next, null, 2), { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
      saved = next;
      current = Settings.parse({ ...next, ...overrides });
      return current;
    },
  };
}
