// Builds better-sqlite3-multiple-ciphers for Electron's ABI into .native/electron-<version>/, leaving the Node-ABI
// build in node_modules alone. Never fails the install: where Electron (or its headers) cannot be downloaded the
// web host and the tests do not need this build, so it says so in one line and exits 0.
// `--force` builds even without the Electron binary (packaging on a machine that has the headers);
// `--strict` exits 1 when no build could be had (the dist script needs one).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { electronBinary, electronNativeBinding, electronVersion, root } from './lib/electron-env.mjs';

const force = process.argv.includes('--force');
const strict = process.argv.includes('--strict');
const version = electronVersion();
const target = version && electronNativeBinding(version);

function main() {
  if (!version) return skip('skipped: electron is not in node_modules');
  if (!force && !electronBinary()) return skip('skipped: the Electron binary is not installed, so no Electron build is needed here');
  if (existsSync(target) && !force) return say(`up to date (${target})`);

  const source = join(root, 'node_modules', 'better-sqlite3-multiple-ciphers');
  const work = mkdtempSync(join(tmpdir(), 'gangbord-native-'));
  try {
    // Everything but the Node-ABI build output, which must not be mistaken for an Electron build.
    cpSync(source, work, { recursive: true, filter: (p) => relative(source, p).split(sep)[0] !== 'build' });
    const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: version, npm_config_disturl: 'https://electronjs.org/headers' };
    // The tools' JavaScript entry points run with this Node, not through `npx`: no shell needed, so Windows works too.
    const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
    const attempts = [
      ['prebuilt binary', [bin('prebuild-install', 'bin.js'), '--runtime=electron', `--target=${version}`]],
      ['compile against Electron headers', [bin('node-gyp', 'bin/node-gyp.js'), 'rebuild', '--release', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers']],
    ];
    for (const [label, args] of attempts) {
      if (!existsSync(args[0])) continue;
      try {
        execFileSync(process.execPath, args, { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 15 * 60_000 });
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
    skip(`could not build for Electron ${version} (no prebuilt binary or headers reachable); npm start will use the web host`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function say(line) {
  console.log(`gangbord native module: ${line}`);
}

function skip(line) {
  say(line);
  if (strict) process.exitCode = 1;
}

main();
