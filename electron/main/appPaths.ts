import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppMode } from '@shared/contract';
import type { WorkerScript } from '../core/sync/worker/launchTypes';

// Where the built pieces are, relative to the built main script (out/main/index.js). No Electron import: main
// passes in what Electron knows (packaged or not, resourcesPath, its version); unit-tested under Node.

export interface AppPathFacts {
  /** The folder of the running main script: `<repo>/out/main`, or `<resources>/app.asar/out/main` when packaged. */
  mainDir: string;
  isPackaged: boolean;
  /** `process.resourcesPath`: the packaged app's resources folder. */
  resourcesPath: string;
  /** `process.versions.electron`. */
  electronVersion: string;
}

export interface AppPaths {
  rendererDir: string;
  preload(mode: AppMode): string;
  workerScript: WorkerScript;
  /** The Electron-ABI build of better-sqlite3-multiple-ciphers (see build/scripts/native-electron.mjs). */
  nativeBinding: string;
}

export function appPaths(facts: AppPathFacts): AppPaths {
  const out = resolve(facts.mainDir, '..');
  return {
    rendererDir: join(out, 'renderer'),
    // One preload per mode, least privilege: the kiosk one exposes only the kiosk calls.
    preload: (mode) => join(out, 'preload', `${mode}.cjs`),
    workerScript: { kind: 'js', file: join(facts.mainDir, 'syncWorker.js') },
    // Packaged: electron-builder's extraResources puts it outside the asar, where the OS loader can open it.
    // From the repo: .native/electron-<version>/, built by the postinstall step, beside the Node-ABI build
    // that `npm test` keeps using.
    nativeBinding: facts.isPackaged
      ? join(facts.resourcesPath, 'native', 'better_sqlite3.node')
      : join(out, '..', '.native', `electron-${facts.electronVersion}`, 'better_sqlite3.node'),
  };
}

export class MissingBuildError extends Error {
  override name = 'MissingBuildError';
}

/**
 * Fails early with a sentence a person can act on, instead of SQLite's "was compiled against a different Node.js
 * version" from deep inside the first sync, or a blank window for a missing page.
 */
export function checkAppPaths(
  paths: AppPaths,
  mode: AppMode,
  options: { isPackaged: boolean; builtRenderer: boolean },
  exists: (path: string) => boolean = existsSync,
): void {
  const { isPackaged } = options;
  if (!exists(paths.nativeBinding)) {
    throw new MissingBuildError(isPackaged
      ? `This installation is incomplete: ${paths.nativeBinding} is missing. Reinstall Gangbord.`
      : `The database module has not been built for Electron (${paths.nativeBinding} is missing). Run "node build/scripts/native-electron.mjs", or "npm start", which does it for you.`);
  }
  // Under `npm run dev` the pages come from electron-vite's dev server instead of out/renderer.
  const page = options.builtRenderer ? join(paths.rendererDir, `${mode}.html`) : '';
  for (const file of [page, paths.preload(mode), paths.workerScript.kind === 'js' ? paths.workerScript.file : '']) {
    if (file && !exists(file)) {
      throw new MissingBuildError(isPackaged
        ? `This installation is incomplete: ${file} is missing. Reinstall Gangbord.`
        : `The app is not built (${file} is missing). Run "npm run build", or "npm start", which does it for you.`);
    }
  }
}
