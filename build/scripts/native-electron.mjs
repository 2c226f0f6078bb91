// Builds better-sqlite3-multiple-ciphers for Electron's ABI into .native/electron-<version>/, leaving the Node-ABI
// build in node_modules alone. Never fails the install: where Electron (or its headers) cannot be downloaded the
// web host and the tests do not need this build, so it says so in one line and exits 0.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { electronBinary, electronNativeBinding, electronVersion, root } from './lib/electron-env.mjs';

const force = process.argv.includes('--force');
const version = electronVersion();
const target = version && electronNativeBinding(version);

function main() {
  if (!version) return say('skipped: electron is not in node_modules');
  if (!force && !electronBinary()) return say('skipped: the Electron binary is not installed, so no Electron build is needed here');
  if (existsSync(target) && !force) return say(`up to date (${target})`);

  const source = join(root, 'node_modules', 'better-sqlite3-multiple-ciphers');
  const work = mkdtempSync(join(tmpdir(), 'gangbord-native-'));
  try {
    cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${source}/build`) });
    const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: version, npm_config_disturl: 'https://electronjs.org/headers' };
    const attempts = [
      ['prebuilt binary', 'npx', ['--no-install', 'prebuild-install', '--runtime=electron', `--target=${version}`]],
      ['compile against Electron headers', 'npx', ['--no-install', 'node-gyp', 'rebuild', '--release', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers']],
    ];
    for (const [label, cmd, args] of attempts) {
      try {
        execFileSync(cmd, args, { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 15 * 60_000 });
        const built = join(work, 'build', 'Release', 'better_sqlite3.node');
        if (existsSync(built)) {
          mkdirSync(dirname(target), { recursive: true });
          copyFileSync(built, target);
          return say(`built for Electron ${version} (${label})`);
        }
      } catch {
        // try the next way; the summary line below says what happened
      }
    }
    say(`could not build for Electron ${version} (no prebuilt binary or headers reachable); npm start will use the web host`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function say(line) {
  console.log(`gangbord native module: ${line}`);
}

main();
