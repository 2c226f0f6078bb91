import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths, checkAppPaths, MissingBuildError } from './appPaths';

const repo = resolve('/home/dev/gangbord');

describe('appPaths', () => {
  it('finds the pieces of a build in the repo, with the Electron-ABI native module from .native', () => {
    const paths = appPaths({ mainDir: join(repo, 'out', 'main'), isPackaged: false, resourcesPath: '/unused', electronVersion: '45.4.1' });
    expect(paths.rendererDir).toBe(join(repo, 'out', 'renderer'));
    expect(paths.preload('kiosk')).toBe(join(repo, 'out', 'preload', 'kiosk.cjs'));
    expect(paths.preload('staff')).toBe(join(repo, 'out', 'preload', 'staff.cjs'));
    expect(paths.workerScript).toEqual({ kind: 'js', file: join(repo, 'out', 'main', 'syncWorker.js') });
    expect(paths.nativeBinding).toBe(join(repo, '.native', 'electron-45.4.1', 'better_sqlite3.node'));
  });

  it('takes the native module from the resources folder when packaged, outside the asar', () => {
    const resources = resolve('/opt/Gangbord/resources');
    const paths = appPaths({ mainDir: join(resources, 'app.asar', 'out', 'main'), isPackaged: true, resourcesPath: resources, electronVersion: '45.4.1' });
    expect(paths.nativeBinding).toBe(join(resources, 'native', 'better_sqlite3.node'));
    expect(paths.rendererDir).toBe(join(resources, 'app.asar', 'out', 'renderer'));
  });
});

describe('checkAppPaths', () => {
  const paths = appPaths({ mainDir: join(repo, 'out', 'main'), isPackaged: false, resourcesPath: '/unused', electronVersion: '45.4.1' });

  it('says how to build the native module when it is missing', () => {
    expect(() => checkAppPaths(paths, 'kiosk', { isPackaged: false, builtRenderer: true }, () => false)).toThrow(/native-electron\.mjs/);
    expect(() => checkAppPaths(paths, 'kiosk', { isPackaged: true, builtRenderer: true }, () => false)).toThrow(/Reinstall Gangbord/);
  });

  it('says how to build the app when a page, preload or worker is missing', () => {
    const missing = join(repo, 'out', 'preload', 'kiosk.cjs');
    expect(() => checkAppPaths(paths, 'kiosk', { isPackaged: false, builtRenderer: true }, (p) => p !== missing)).toThrow(MissingBuildError);
    expect(() => checkAppPaths(paths, 'kiosk', { isPackaged: false, builtRenderer: true }, (p) => p !== missing)).toThrow(/npm run build/);
  });

  it('passes a complete build', () => {
    expect(() => checkAppPaths(paths, 'staff', { isPackaged: false, builtRenderer: true }, () => true)).not.toThrow();
  });

  it('does not ask for built pages when the dev server serves them', () => {
    const page = join(repo, 'out', 'renderer', 'kiosk.html');
    expect(() => checkAppPaths(paths, 'kiosk', { isPackaged: false, builtRenderer: false }, (p) => p !== page)).not.toThrow();
    expect(() => checkAppPaths(paths, 'kiosk', { isPackaged: false, builtRenderer: true }, (p) => p !== page)).toThrow(/kiosk\.html/);
  });
});
