// `npm start`: from a fresh clone to a running kiosk in one command. Plain Node with no dependencies: it runs
// before node_modules exists. Every step prints one line in plain language.
//
//   1. dependencies: `npm ci` when node_modules is missing or older than package-lock.json
//   2. Electron: its binary (downloaded if missing) and the Electron build of the database module
//   3. the app: `electron-vite build` when out/ is missing or older than the sources
//   4. run: the Electron app in kiosk mode; where Electron cannot be had, the web host in Chromium instead
//
// Extra arguments pass through: `npm start -- --now=2026-11-24T09:15:00+01:00 --mode=staff`. The app's own switches
// (electron/main/launchArgs.ts): --mode, --now, --clock-rate, --provisioning=FILE, --profile=ID, --start-at-login=on|off.
// A failed Electron download is remembered (.data/electron-unavailable.json), so later starts go straight to the web
// host; `npm run electron:install` (or `npm start -- --retry-electron`) tries the download again.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { electronBinary, electronNativeBinding, forgetElectronUnavailable, installElectron, rememberedElectronUnavailable, rememberElectronUnavailable, root } from './lib/electron-env.mjs';

const say = (line) => console.log(line);
const retryElectron = process.argv.includes('--retry-electron');
const extraArgs = process.argv.slice(2).filter((a) => a !== '--retry-electron');
const DOWNLOAD_TIMEOUT_MS = 60_000;

// --- 0. Node ---------------------------------------------------------------------------------------------------------

// Electron 45's tooling and vue-i18n 11 declare Node 22.12 or newer (package.json "engines").
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  say(`Gangbord needs Node 22.12 or newer; this is Node ${process.versions.node}. Install Node 22 (nodejs.org, or nvm: nvm install 22) and run npm start again.`);
  process.exit(1);
}

// --- 1. dependencies -------------------------------------------------------------------------------------------

function mtime(path) {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
}

function ensureDependencies() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && mtime(installed) >= mtime(join(root, 'package-lock.json'))) return;
  say('Installing dependencies (npm ci) ...');
  // Electron 45 downloads nothing at install time anyway; the flag keeps older setups from trying.
  const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
  // Native modules must match the running Node's ABI: build against its own headers where its install has them
  // (official builds and distribution packages do), rather than a configured folder that may belong to another
  // Node version, or a download.
  const prefix = dirname(dirname(process.execPath));
  if (existsSync(join(prefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir = prefix;
  // Through npm's own script when npm started us (no shell needed, Windows included), else the npm on PATH.
  const npmCli = process.env.npm_execpath?.endsWith('.js') ? process.env.npm_execpath : null;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'ci'], { cwd: root, env, stdio: 'inherit' })
    : spawnSync('npm', ['ci'], { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    say(`Installing dependencies failed (npm ci exited with ${result.status ?? result.signal}); see the output above.`);
    process.exit(1);
  }
}

// --- 2. Electron -------------------------------------------------------------------------------------------------

/** @returns {{ binary: string } | { line: string }} the binary, or the one line that says why the web host runs instead */
function ensureElectron() {
  let binary = electronBinary();
  if (!binary) {
    if (retryElectron) forgetElectronUnavailable();
    const remembered = rememberedElectronUnavailable();
    if (remembered) {
      return { line: `Electron could not be downloaded here on ${remembered.at.slice(0, 10)} (${remembered.reason}); starting the web host in Chromium instead (npm run electron:install tries again).` };
    }
    say('Downloading Electron ...');
    const installed = installElectron(DOWNLOAD_TIMEOUT_MS);
    if (!installed.path) {
      rememberElectronUnavailable(installed.reason);
      return { line: `Electron could not be downloaded here (${installed.reason}); starting the web host in Chromium instead (npm run electron:install tries again).` };
    }
    binary = installed.path;
  }
  // The database module built for Electron's ABI; it prints its own one line.
  spawnSync(process.execPath, [join(root, 'build', 'scripts', 'native-electron.mjs')], { cwd: root, stdio: 'inherit' });
  const instead = (why) => ({ line: `Electron cannot run here (${why}); starting the web host in Chromium instead.` });
  if (!existsSync(electronNativeBinding())) return instead('the database module could not be built for it');
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return instead('there is no display to show it on');
  return { binary };
}

// --- 3. the app ----------------------------------------------------------------------------------------------------

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name.endsWith('.test.ts')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : mtime(path));
  }
  return newest;
}

function ensureBuilt() {
  const outputs = ['out/main/index.js', 'out/main/syncWorker.js', 'out/preload/kiosk.cjs', 'out/preload/staff.cjs', 'out/renderer/kiosk.html', 'out/renderer/staff.html']
    .map((p) => mtime(join(root, p)));
  const sources = Math.max(
    ...['electron', 'renderer', 'shared'].map((d) => (existsSync(join(root, d)) ? newestSource(join(root, d)) : 0)),
    mtime(join(root, 'electron.vite.config.ts')),
  );
  if (Math.min(...outputs) > sources) return;
  say('Building the app (electron-vite build) ...');
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    say('The build failed (its output is above); fix that and run npm start again.');
    process.exit(1);
  }
}

// --- 4. run --------------------------------------------------------------------------------------------------------

const children = new Set();
function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}

const isRoot = process.getuid?.() === 0;
const withMode = (args, flag) => (args.some((a) => a === '--mode' || a.startsWith('--mode=')) ? args : [...flag, ...args]);

/** The mode asked for (`--mode=staff` or `--mode staff`), kiosk by default. */
function requestedMode(args) {
  const at = args.findIndex((a) => a === '--mode' || a.startsWith('--mode='));
  if (at < 0) return 'kiosk';
  return (args[at].startsWith('--mode=') ? args[at].slice('--mode='.length) : args[at + 1]) === 'staff' ? 'staff' : 'kiosk';
}
const mode = requestedMode(extraArgs);
const modeName = mode === 'staff' ? 'the staff app' : 'the kiosk';

function runElectron(binary) {
  say('Starting Gangbord in Electron ...');
  // Chromium will not start as root with its sandbox; a root shell (a container) has to do without it.
  const args = ['.', ...withMode(extraArgs, ['--mode=kiosk']), ...(isRoot && process.platform === 'linux' ? ['--no-sandbox'] : [])];
  const child = track(spawn(binary, args, { cwd: root, stdio: 'inherit' }));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function findChromium() {
  const candidates = [];
  if (process.env.CHROMIUM_PATH) candidates.push(process.env.CHROMIUM_PATH);
  if (process.platform === 'darwin') {
    candidates.push('/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
  } else if (process.platform === 'win32') {
    for (const base of [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA].filter(Boolean)) {
      candidates.push(join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(base, 'Chromium', 'Application', 'chrome.exe'));
    }
  } else {
    candidates.push('/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable');
    for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
      for (const name of ['chromium', 'chromium-browser', 'google-chrome']) candidates.push(join(dir, name));
    }
  }
  return candidates.find((path) => existsSync(path)) ?? null;
}

function hasDisplay() {
  return process.platform === 'darwin' || process.platform === 'win32' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function runWebHost() {
  // Each mode keeps its own development data: a staff run's accounts and records never sit in the kiosk's folder.
  const dataDir = join(root, '.data', mode === 'staff' ? 'web-staff' : 'web');
  const args = [join(root, 'build', 'scripts', 'web.mjs'), ...withMode(extraArgs, ['--mode', 'kiosk']), '--data-dir', dataDir];
  const host = track(spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }));
  host.on('exit', (code, signal) => {
    for (const child of children) child.kill('SIGTERM');
    process.exit(code ?? (signal ? 1 : 0));
  });
  let buffered = '';
  let opened = false;
  host.stdout.setEncoding('utf8').on('data', (chunk) => {
    if (opened) return;
    buffered += chunk;
    const match = /^Listening: (\S+)$/m.exec(buffered);
    if (!match) return;
    opened = true;
    openPage(match[1]);
  });
}

function openPage(url) {
  const chromium = hasDisplay() ? findChromium() : null;
  if (!chromium) {
    say(`Open ${modeName}: ${url}`);
    return;
  }
  const args = [`--app=${url}`, `--user-data-dir=${join(root, '.data', mode === 'staff' ? 'chromium-profile-staff' : 'chromium-profile')}`, '--no-first-run', '--no-default-browser-check', ...(isRoot ? ['--no-sandbox'] : [])];
  const browser = track(spawn(chromium, args, { cwd: root, stdio: 'ignore' }));
  const startedAt = Date.now();
  browser.on('error', () => say(`Chromium could not be started (${chromium}); open ${modeName}: ${url}`));
  // A browser that quits at once (no usable display, a locked profile) has shown nothing: say where to go instead.
  browser.on('exit', (code) => {
    if (Date.now() - startedAt < 5_000 && code !== 0) say(`Chromium closed at once (exit ${code}); open ${modeName}: ${url}`);
  });
  say(`Opened ${modeName} in ${chromium}; the web host keeps serving until Ctrl+C.`);
}

ensureDependencies();
const electron = ensureElectron();
if ('line' in electron) say(electron.line);
ensureBuilt();
if ('binary' in electron) runElectron(electron.binary);
else runWebHost();
