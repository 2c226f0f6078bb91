// `npm run dist [-- <electron-builder flags>]`: installers for this platform (Windows nsis + msi, Linux deb +
// AppImage, macOS dmg; electron-builder.yml). Needs the Electron binary and the Electron build of the database
// module; where either cannot be had it says so in one sentence and exits 1, before building anything.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { electronNativeBinding, electronVersion, installElectron, root } from './lib/electron-env.mjs';

function fail(sentence) {
  console.error(sentence);
  process.exit(1);
}

function run(label, args, options = {}) {
  console.log(`${label} ...`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) fail(`Packaging stopped: ${label.toLowerCase()} failed (exit ${result.status ?? result.signal}); its output is above.`);
}

const version = electronVersion();
if (!version) fail('Cannot package Gangbord: the electron package is missing from node_modules; run npm ci first.');

// electron-builder packages this very binary (electronDist below) rather than downloading its own copy; its
// configuration is electron-builder.yml, which it reads by default.
const electron = installElectron();
if (!electron.path) fail(`Cannot package Gangbord here: the Electron ${version} binary is not installed and could not be downloaded (${electron.reason}).`);

// --strict: a non-zero exit when no Electron build of the module could be had.
const native = spawnSync(process.execPath, [join(root, 'build', 'scripts', 'native-electron.mjs'), '--strict'], { cwd: root, encoding: 'utf8' });
if (native.status !== 0 || !existsSync(electronNativeBinding(version))) {
  fail(`Cannot package Gangbord here: the database module could not be built for Electron ${version} (no prebuilt binary or Electron headers reachable).`);
}

run('Building the app (electron-vite build)', [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
run('Packaging (electron-builder)', [
  join(root, 'node_modules', 'electron-builder', 'cli.js'),
  `-c.electronDist=${process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(root, 'node_modules', 'electron', 'dist')}`,
  ...process.argv.slice(2),
], { env: { ...process.env, GANGBORD_ELECTRON_VERSION: version } });
console.log(`Installers are in ${join(root, 'dist')}.`);
