import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// electron-store is conf plus Electron's paths; conf itself runs under Node, so the real file handling is tested.
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '@shared/settings';
import { memoryLogger } from '../core/logger';
import { type JsonStore, type JsonStoreOptions, openSettings } from './settingsOnDisk';

let dir: string;
let file: string;
const openConf = (options: JsonStoreOptions): JsonStore =>
  new Conf({ ...options, configName: options.name, projectName: 'gangbord-test' } as unknown as ConstructorParameters<typeof Conf>[0]) as unknown as JsonStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gangbord-settings-'));
  file = join(dir, 'settings.json');
});
afterEach(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

describe('openSettings', () => {
  it('starts on defaults with no file, and saves a valid change', () => {
    const log = memoryLogger();
    const opened = openSettings(file, openConf, { log });
    expect(opened.problem).toBeNull();
    expect(opened.store.get()).toEqual(defaultSettings());
    opened.store.update({ locale: 'en', sync: { schedule: '*/10 * * * *', jitterSeconds: 5 } });
    const again = openSettings(file, openConf, { log });
    expect(again.store.get().locale).toBe('en');
    expect(again.store.get().sync.schedule).toBe('*/10 * * * *');
    expect(log.lines).toEqual([]);
  });

  it('refuses an invalid change and keeps file and answer as they were', () => {
    const opened = openSettings(file, openConf, { log: memoryLogger() });
    opened.store.update({ locale: 'en' });
    const before = readFileSync(file, 'utf8');
    expect(() => opened.store.update({ locale: 'fr' as 'en' })).toThrow();
    expect(() => opened.store.update({ sync: { schedule: 'every minute', jitterSeconds: 5 } })).toThrow();
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(opened.store.get().locale).toBe('en');
  });

  it('moves a file that is not JSON aside, logs why, and starts on defaults', () => {
    writeFileSync(file, '{ "mode": "staff", ');
    const log = memoryLogger();
    const opened = openSettings(file, openConf, { log, now: () => Date.parse('2026-11-24T08:00:00Z') });
    expect(opened.store.get()).toEqual(defaultSettings());
    expect(opened.problem).toMatch(/could not be used .* moved to .*settings\.json\.invalid-2026-11-24T08-00-00-000Z/);
    expect(readdirSync(dir)).toContain('settings.json.invalid-2026-11-24T08-00-00-000Z');
    expect(log.lines.map((l) => l.event)).toEqual(['settings.invalid']);
  });

  it('does the same for JSON that breaks the schema (unknown field, wrong type), whichever check sees it first', () => {
    for (const bad of [{ mode: 'hallway' }, { mode: 'staff', unknownField: 1 }, { sync: { schedule: 5 } }, { zone: '../../etc' }]) {
      writeFileSync(file, JSON.stringify(bad));
      const opened = openSettings(file, openConf, { log: memoryLogger() });
      expect(opened.store.get(), JSON.stringify(bad)).toEqual(defaultSettings());
      expect(opened.problem).toMatch(/could not be used/);
      rmSync(join(dir, readdirSync(dir).find((f) => f.includes('.invalid-'))!));
    }
  });

  it('applies command-line overrides for this run without writing them', () => {
    const opened = openSettings(file, openConf, { log: memoryLogger(), overrides: { mode: 'staff' } });
    expect(opened.store.get().mode).toBe('staff');
    opened.store.update({ locale: 'en' });
    expect(JSON.parse(readFileSync(file, 'utf8')).mode).toBe('kiosk');
    expect(opened.store.get()).toMatchObject({ mode: 'staff', locale: 'en' });
  });

  it('runs on defaults in memory when the folder cannot be written at all, instead of crashing', () => {
    if (process.getuid?.() === 0) return; // root writes anywhere; the permission case cannot be shown
    writeFileSync(file, 'not json');
    chmodSync(dir, 0o500);
    const opened = openSettings(file, openConf, { log: memoryLogger() });
    expect(opened.store.get()).toEqual(defaultSettings());
    expect(opened.problem).toMatch(/cannot be saved|nor moved aside/);
    expect(existsSync(file)).toBe(true);
  });
});
