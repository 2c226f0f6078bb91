import { existsSync, renameSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { z } from 'zod';
import { Settings, type SettingsInput } from '@shared/settings';
import type { Logger } from '../core/logger';
import { memorySettingsStore, type SettingsStore } from '../core/settings/store';

// The machine settings file, over any conf-style JSON store (electron-store in the app, its base class `conf` in
// the unit test). No Electron import here; settingsStore.ts passes electron-store in.
//
// The zod schema in shared/settings.ts is the authority. The JSON schema handed to the store is derived from it and
// is a second lock on the file itself: electron-store refuses to write anything it does not match.

/** The part of a conf / electron-store instance this uses. */
export interface JsonStore {
  store: Record<string, unknown>;
}

export interface JsonStoreOptions {
  /** File name without `.json`. */
  name: string;
  cwd: string;
  schema: Record<string, unknown>;
  /** Root-level keywords besides `properties` (conf puts `type: 'object'` and our `properties` in itself). */
  rootSchema: Record<string, unknown>;
  /** Invalid contents must reach us as an error, not be silently emptied: we log them and keep a copy. */
  clearInvalidConfig: false;
  configFileMode: number;
  watch: false;
}

// Defaults are applied by zod. Left in the JSON schema, Ajv would insert them into the file as well, and in strict
// mode it refuses a default inside a union (`source`). The $schema keyword is conf's to choose.
function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key !== 'default' && key !== '$schema') out[key] = withoutDefaults(item);
  }
  return out;
}

export function settingsJsonSchema(): { properties: Record<string, unknown>; rootSchema: Record<string, unknown> } {
  // `io: 'input'`: a field with a default may be absent from the file.
  const schema = withoutDefaults(z.toJSONSchema(Settings, { io: 'input' })) as { properties: Record<string, unknown>; additionalProperties?: unknown };
  return { properties: schema.properties, rootSchema: { additionalProperties: false } };
}

export function jsonStoreOptions(file: string): JsonStoreOptions {
  const { properties, rootSchema } = settingsJsonSchema();
  return {
    name: basename(file, extname(file)),
    cwd: dirname(file),
    schema: properties,
    rootSchema,
    clearInvalidConfig: false,
    configFileMode: 0o600,
    watch: false,
  };
}

export interface OpenedSettings {
  store: SettingsStore;
  /** Set when the file could not be used: what was wrong and where the old file went. Settings are defaults then. */
  problem: string | null;
}

function describe(error: unknown): string {
  if (error instanceof z.ZodError) return error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ');
  return error instanceof Error ? error.message : String(error);
}

/**
 * Opens the settings file. Never throws: a file that is not JSON or does not match the schema is moved aside
 * (`settings.json.invalid-<time>`, kept for an administrator to look at), logged with what was wrong, and the app
 * starts on defaults, which means kiosk mode, the safe one. Command-line overrides (`--mode`) apply to this run only.
 */
export function openSettings(
  file: string,
  open: (options: JsonStoreOptions) => JsonStore,
  deps: { log: Logger; overrides?: Partial<SettingsInput>; now?: () => number },
): OpenedSettings {
  const overrides = deps.overrides ?? {};
  const now = deps.now ?? Date.now;
  let problem: string | null = null;

  const moveAside = (why: string) => {
    const movedTo = `${file}.invalid-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    try {
      if (existsSync(file)) renameSync(file, movedTo);
      problem = `The settings file ${file} could not be used (${why}); it was moved to ${movedTo} and Gangbord started with default settings.`;
    } catch (error) {
      problem = `The settings file ${file} could not be used (${why}) nor moved aside (${describe(error)}); Gangbord started with default settings.`;
    }
    deps.log.error('settings.invalid', { file, problem: why, movedTo });
  };

  let backend: JsonStore | null = null;
  let saved: Settings | null = null;
  try {
    backend = open(jsonStoreOptions(file));
    saved = Settings.parse(backend.store);
  } catch (error) {
    moveAside(describe(error));
    try {
      backend = open(jsonStoreOptions(file));
      saved = Settings.parse(backend.store);
    } catch (again) {
      // Not even a fresh file works (a read-only folder, say): run on defaults in memory; nothing is saved.
      deps.log.error('settings.unavailable', { file, error: again });
      problem = `${problem ?? ''} Settings cannot be saved either (${describe(again)}).`.trim();
      return { store: memorySettingsStore(overrides), problem };
    }
  }

  const store = backend;
  let stored = saved;
  let current = Settings.parse({ ...stored, ...overrides });
  return {
    problem,
    store: {
      get: () => current,
      update(patch) {
        // zod first (throws on an invalid change), then the store (its JSON schema, the disk); either failing
        // leaves both the file and what get() answers as they were.
        const next = Settings.parse({ ...stored, ...patch });
        store.store = JSON.parse(JSON.stringify(next)) as Record<string, unknown>;
        stored = next;
        current = Settings.parse({ ...next, ...overrides });
        return current;
      },
    },
  };
}
