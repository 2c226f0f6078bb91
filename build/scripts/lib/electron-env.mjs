// Facts about the local Electron install, shared by the start, postinstall and dist scripts.
// Plain Node with no dependencies: these scripts run before `npm ci` has finished.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(join(root, 'package.json'));

export function electronVersion() {
  const pkg = join(root, 'node_modules', 'electron', 'package.json');
  return existsSync(pkg) ? JSON.parse(readFileSync(pkg, 'utf8')).version : null;
}

/** The Electron executable, or null when its download was skipped or failed. */
export function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null; // "Electron failed to install correctly": no binary on this machine
  }
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
