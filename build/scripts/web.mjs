// `npm run web -- ...`: builds the app if the build is missing or older than its sources, then starts the web
// host (electron/web/cli.ts, run from source through tsx). Arguments pass through unchanged.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib/electron-env.mjs';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function buildIsStale() {
  const built = join(root, 'out', 'renderer', 'kiosk.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared')));
  return sources > statSync(built).mtimeMs;
}

if (buildIsStale()) {
  console.error('gangbord: building the app (electron-vite build) ...');
  const built = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) {
    console.error('gangbord: the build failed (see above); run "npm run build" to see it in full.');
    process.exit(1);
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron', 'web', 'cli.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
