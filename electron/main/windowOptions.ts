import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { AppMode } from '@shared/contract';

// The options every Gangbord window is created with. Only a type import from Electron (erased at build), so the
// unit test can check the security-relevant ones under Node.

/** Items 2-4, 6, 8-10 and 20 of Electron's security checklist, for every window, whatever its mode. */
export function lockedDownWebPreferences(preload: string | undefined, mode: AppMode, isPackaged: boolean): WebPreferences {
  return {
    ...(preload ? { preload } : {}),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // Never on a kiosk; on a staff PC only while developing.
    devTools: mode === 'staff' && !isPackaged,
    // A page on a corridor screen has nobody to answer alert() or confirm().
    disableDialogs: mode === 'kiosk',
    safeDialogs: true,
    // A kiosk's clock and page flips must keep time even when Chromium thinks nobody is looking.
    backgroundThrottling: mode !== 'kiosk',
  };
}

export function windowOptions(mode: AppMode, preload: string, isPackaged: boolean): BrowserWindowConstructorOptions {
  const common: BrowserWindowConstructorOptions = {
    title: 'Gangbord',
    // Shown on 'ready-to-show', so the screen never flashes white before the page paints.
    show: false,
    webPreferences: lockedDownWebPreferences(preload, mode, isPackaged),
  };
  if (mode === 'kiosk') {
    // `kiosk: true` is full screen and, on macOS, hides the dock and menu bar. On Windows and Linux it is not a
    // lock-down by itself (Alt+Tab, the Windows key still work): that is the OS's job (docs/security-model.md §2).
    return { ...common, kiosk: true, autoHideMenuBar: true, backgroundColor: '#000000' };
  }
  return { ...common, width: 1280, height: 800, minWidth: 800, minHeight: 600, autoHideMenuBar: true, backgroundColor: '#ffffff' };
}
