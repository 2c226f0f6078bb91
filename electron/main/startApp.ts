import { join } from 'node:path';
import { app, session } from 'electron';
import type { AppMode } from '@shared/contract';
import { createCore } from '../core/app';
import { autostartPlan, requestedStartAtLogin } from '../core/kiosk/autostart';
import { vaultSecretStore } from '../core/secrets/vaultSecretStore';
import type { Logger } from '../core/logger';
import { appPaths, checkAppPaths } from './appPaths';
import { appRenderer, type RendererLocation } from './appOrigin';
import { adminAcceptedWeakKeyStorage, loadOrCreateCacheKey } from './cacheKey';
import { bindIpc } from './ipc';
import { startKioskRuntime } from './kioskRuntime';
import { startFleetThumbnails } from './fleetThumbnails';
import { clockFromArgs, clockSwitchesAllowed, parseLaunchArgs, provisioningFile } from './launchArgs';
import type { Lifecycle } from './lifecycle';
import { setAppMenu } from './menu';
import { chooseMode } from './mode';
import { serveRenderer } from './protocol';
import { safeStorageVault } from './safeStorageVault';
import { denyAllPermissions, guardDownloads } from './security';
import { openMachineSettings } from './settingsStore';
import { startPublisherService } from './publisherService';
import { applyStartAtLogin } from './startAtLogin';
import { AppWindows } from './windows';

export interface StartContext {
  log: Logger;
  renderer: RendererLocation;
  lifecycle: Lifecycle;
  /** Set as soon as the mode is known, so a failure after that is shown the way that mode needs. */
  onMode(mode: AppMode): void;
}

/**
 * Everything after `app` is ready, in order: settings and mode, the checks that the build is complete, session
 * hardening and the app:// protocol, the cache key, the core (started before any page can call it), IPC, the
 * kiosk's timed jobs, the window, and last start at login. Throws on any failure; index.ts shows it.
 */
export async function startApp(ctx: StartContext): Promise<void> {
  const { log, renderer, lifecycle } = ctx;
  const args = parseLaunchArgs(process.argv);
  if (args.publisher) return startPublisherService(log);
  const userData = app.getPath('userData');

  const settings = openMachineSettings(userData, log, args.mode ? { mode: args.mode } : {});
  const { mode, from } = chooseMode(args.mode, settings.store.get().mode);
  ctx.onMode(mode);
  log.info('app.starting', { version: app.getVersion(), electron: process.versions.electron, mode, modeFrom: from, packaged: app.isPackaged, settingsProblem: settings.problem });
  setAppMenu(mode);

  const paths = appPaths({
    mainDir: import.meta.dirname,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    electronVersion: process.versions.electron,
  });
  checkAppPaths(paths, mode, { isPackaged: app.isPackaged, builtRenderer: renderer === appRenderer });

  denyAllPermissions(session.defaultSession, log);
  guardDownloads(session.defaultSession, mode, renderer.origin, log);
  serveRenderer(paths.rendererDir, log);

  const provisioning = provisioningFile(args, process.env, userData);
  log.info('provisioning.file', { file: provisioning.file, from: provisioning.from, profileOverride: args.profile });
  const clockAllowed = clockSwitchesAllowed(mode, app.isPackaged);
  if (!clockAllowed && (args.now !== null || args.clockRate !== 1)) log.warn('clock.switches-ignored', { reason: 'an installed staff app keeps the real time', now: args.now, clockRate: args.clockRate });
  const clock = clockFromArgs(args, clockAllowed);

  const cacheKey = await loadOrCreateCacheKey({
    dir: userData, mode, vault: safeStorageVault, log, adminAcceptedWeakKeyStorage: adminAcceptedWeakKeyStorage(settings.store.get()),
  });
  const core = createCore({
    mode,
    dataDir: userData,
    key: cacheKey.key,
    settings: settings.store,
    secrets: vaultSecretStore(join(userData, 'secrets.enc.json'), safeStorageVault),
    clock,
    log,
    version: app.getVersion(),
    workerScript: paths.workerScript,
    nativeBinding: paths.nativeBinding,
    provisioningFile: provisioning.file,
    profileOverride: args.profile,
  });
  // The core keeps its own copy (and wipes it on stop).
  cacheKey.key.fill(0);
  await core.start();

  const windows = new AppWindows({ paths, renderer, isPackaged: app.isPackaged, log, quitting: lifecycle.quitting, relaunch: lifecycle.relaunch });
  const cleanups = [bindIpc(core, windows, renderer.origin, log)];
  if (mode === 'kiosk') cleanups.push(startKioskRuntime({ core, windows, clock, log }), startFleetThumbnails({ core, windows, log }));
  lifecycle.running({ core, windows, mode, cleanups });
  windows.open(mode);

  applyStartAtLogin(autostartPlan({
    platform: process.platform,
    mode,
    isPackaged: app.isPackaged,
    requested: requestedStartAtLogin(args.startAtLogin, settings.store.get()),
    execPath: process.execPath,
    appPath: app.getAppPath(),
    appImage: app.isPackaged && process.platform === 'linux' ? process.env.APPIMAGE : undefined,
  }), log);
}
