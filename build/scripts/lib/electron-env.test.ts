import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronBinary, electronInstall, forgetElectronUnavailable, rememberedElectronUnavailable, rememberElectronUnavailable, shortReason } from './electron-env.mjs';

// A stand-in node_modules/electron folder: only what Electron's installer writes, no binary download involved.
let pkg: string;
const write = (relative: string, text: string) => {
  mkdirSync(join(pkg, relative, '..'), { recursive: true });
  writeFileSync(join(pkg, relative), text);
};

beforeEach(() => {
  pkg = mkdtempSync(join(tmpdir(), 'gangbord-electron-env-'));
  write('package.json', JSON.stringify({ name: 'electron', version: '45.4.1' }));
});
afterEach(() => rmSync(pkg, { recursive: true, force: true }));

describe('electronInstall', () => {
  it('reports a skipped download (no path.txt) without starting one', () => {
    const found = electronInstall(pkg, {});
    expect(found.path).toBeNull();
    expect(found.reason).toMatch(/not installed at node_modules\/electron\/dist/);
  });

  it('reports a path.txt whose executable is missing', () => {
    write('path.txt', 'electron');
    expect(electronBinary(pkg, {})).toBeNull();
  });

  it('does not accept a dist from another Electron version', () => {
    write('path.txt', 'electron');
    write('dist/electron', '');
    write('dist/version', 'v44.0.0');
    expect(electronInstall(pkg, {}).reason).toMatch(/holds Electron 44\.0\.0, not 45\.4\.1/);
  });

  it('finds a complete install', () => {
    write('path.txt', 'electron');
    write('dist/electron', '');
    write('dist/version', 'v45.4.1');
    expect(electronBinary(pkg, {})).toBe(join(pkg, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as Electron itself does', () => {
    const override = join(pkg, 'elsewhere');
    write('elsewhere/electron', '');
    expect(electronBinary(pkg, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(join(override, 'electron'));
  });

  it('says when the electron package itself is absent', () => {
    expect(electronInstall(join(pkg, 'nothing-here'), {}).reason).toMatch(/not in node_modules/);
  });
});

describe('shortReason', () => {
  it('picks the network error out of a download failure', () => {
    expect(shortReason('RequestError: getaddrinfo ENOTFOUND github.com\n    at ClientRequest.<anonymous>')).toBe('ENOTFOUND github.com');
    expect(shortReason('HTTPError: Response code 404 (Not Found) for https://github.com/x')).toBe('Response code 404 (Not Found) for https://github.com/x');
  });

  it('falls back to the first line of the error, without its class name or stack', () => {
    expect(shortReason('TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13')).toBe('fetch failed');
    expect(shortReason('')).toBe('no output');
  });
});

describe('a failed Electron download, remembered', () => {
  it('is kept with its reason until a retry forgets it, so npm start does not try the download again each time', () => {
    const dataDir = join(pkg, '.data');
    expect(rememberedElectronUnavailable(dataDir)).toBeNull();
    rememberElectronUnavailable('ENOTFOUND github.com', dataDir);
    expect(rememberedElectronUnavailable(dataDir)).toMatchObject({ reason: 'ENOTFOUND github.com' });
    forgetElectronUnavailable(dataDir);
    expect(rememberedElectronUnavailable(dataDir)).toBeNull();
  });

  it('ignores a marker it cannot read', () => {
    const dataDir = join(pkg, '.data');
    write('.data/electron-unavailable.json', '{not json');
    expect(rememberedElectronUnavailable(dataDir)).toBeNull();
  });
});
