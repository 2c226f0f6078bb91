// Facts about the local Electron install, shared by the start, postinstall and dist scripts and the Electron e2e tests.
// Plain Node with no dependencies: these scripts run before `npm ci` has finished.
//
// Never `require('electron')` here: from plain Node, Electron 45's index.js downloads the binary on first use when
// it is missing (node_modules/electron/index.js), so asking "is it installed?" that way starts a download, and on a
// machine that cannot reach the download host it hangs or throws. We read what its installer leaves behind instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const electronPackageDir = join(root, 'node_modules', 'electron');

export function electronVersion(packageDir = electronPackageDir) {
  const pkg = join(packageDir, 'package.json');
  return existsSync(pkg) ? JSON.parse(readFileSync(pkg, 'utf8')).version : null;
}

/**
 * Where Electron's own installer (node_modules/electron/install.js) would put the executable, and whether it is
 * there. It writes `path.txt` (the executable's path inside `dist/`) and `dist/version` after a complete download;
 * the same checks as its `isInstalled()`, so a half-extracted download counts as missing.
 *
 * @returns {{ path: string | null, reason: string | null }} the executable, or why there is none (one short phrase)
 */
export function electronInstall(packageDir = electronPackageDir, env = process.env) {
  const version = electronVersion(packageDir);
  if (!version) return { path: null, reason: 'the electron package is not in node_modules' };
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(path) ? { path, reason: null } : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron at ${path}` };
  }
  if (!relative) return { path: null, reason: 'the Electron binary is not installed at node_modules/electron/dist (no path.txt)' };
  const path = join(packageDir, 'dist', relative);
  if (!existsSync(path)) return { path: null, reason: `the Electron binary is not installed at node_modules/electron/dist (${relative} is missing)` };
  const versionFile = join(packageDir, 'dist', 'version');
  const installed = existsSync(versionFile) ? readFileSync(versionFile, 'utf8').trim().replace(/^v/, '') : null;
  if (installed !== version) return { path: null, reason: `node_modules/electron/dist holds Electron ${installed ?? 'of an unknown version'}, not ${version}` };
  return { path, reason: null };
}

/** The Electron executable, or null when its download was skipped or failed. Never starts a download. */
export function electronBinary(packageDir = electronPackageDir, env = process.env) {
  return electronInstall(packageDir, env).path;
}

/** The one phrase of a failed download worth showing: a network error code, else the error's first line. */
export function shortReason(output) {
  const code = /\b(ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|ECONNRESET|ENETUNREACH|EHOSTUNREACH|CERT_[A-Z_]+|UNABLE_TO_[A-Z_]+)\b[^\n]*/.exec(output);
  if (code) return code[0].trim().slice(0, 100);
  const http = /Response code \d+[^\n]*/.exec(output) ?? /HTTPError[^\n]*/.exec(output);
  if (http) return http[0].trim().slice(0, 100);
  const first = output.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('at '));
  return (first ?? 'no output').replace(/^(TypeError|Error):\s*/, '').slice(0, 100);
}

// A failed download is remembered so that every `npm start` does not spend its time on a host it cannot reach.
const devDataDir = join(root, '.data');
const unavailableMarker = (dataDir) => join(dataDir, 'electron-unavailable.json');

/** @returns {{ at: string, reason: string } | null} the remembered failed download, if any */
export function rememberedElectronUnavailable(dataDir = devDataDir) {
  try {
    const marker = JSON.parse(readFileSync(unavailableMarker(dataDir), 'utf8'));
    return typeof marker?.at === 'string' && typeof marker?.reason === 'string' ? marker : null;
  } catch {
    return null;
  }
}

export function rememberElectronUnavailable(reason, dataDir = devDataDir) {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(unavailableMarker(dataDir), `${JSON.stringify({ at: new Date().toISOString(), reason })}\n`);
}

export function forgetElectronUnavailable(dataDir = devDataDir) {
  rmSync(unavailableMarker(dataDir), { force: true });
}

/**
 * Runs Electron's own installer (node_modules/electron/install.js) with a time limit, quietly.
 * @returns {{ path: string | null, reason: string | null }} the executable, or why the download failed
 */
export function installElectron(timeoutMs = 60_000) {
  const existing = electronInstall();
  if (existing.path) return existing;
  const result = spawnSync(process.execPath, [join(electronPackageDir, 'install.js')], {
    cwd: root, encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const after = electronInstall();
  if (after.path) return after;
  const timedOut = result.error?.code === 'ETIMEDOUT' || result.signal === 'SIGTERM';
  return { path: null, reason: timedOut ? `no answer within ${Math.round(timeoutMs / 1000)} s` : shortReason(`${result.stderr ?? ''}\n${result.stdout ?? ''}\n${result.error?.message ?? ''}`) };
}

/**
 * better-sqlite3-multiple-ciphers is compiled for Node's ABI in node_modules (what tests use). The Electron-ABI
 * copy lives beside it, keyed by Electron version, and the main process loads it through `nativeBinding`, so
 * `npm test` and `npm start` both work from one checkout in either order without a rebuild.
 */
export function electronNativeBinding(version = electronVersion()) {
  return join(root, '.native', `electron-${version}`, 'better_sqlite3.node');
}

export function nodeNativeBinding() {
  return join(root, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');
}
