import { describe, expect, it } from 'vitest';
import { lockedDownWebPreferences, windowOptions } from './windowOptions';

describe('window options', () => {
  it('lock every window down the same way, whatever its mode', () => {
    for (const mode of ['kiosk', 'staff'] as const) {
      for (const packaged of [true, false]) {
        expect(windowOptions(mode, `/out/preload/${mode}.cjs`, packaged).webPreferences).toMatchObject({
          preload: `/out/preload/${mode}.cjs`,
          contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false,
          webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false, spellcheck: false,
        });
      }
    }
    expect(lockedDownWebPreferences(undefined, 'kiosk', true)).not.toHaveProperty('preload');
    expect(JSON.stringify(windowOptions('kiosk', '/p.cjs', false))).not.toMatch(/enableBlinkFeatures/);
  });

  it('never allow developer tools on a kiosk, and only in development on a staff PC', () => {
    expect(windowOptions('kiosk', '/p.cjs', false).webPreferences?.devTools).toBe(false);
    expect(windowOptions('kiosk', '/p.cjs', true).webPreferences?.devTools).toBe(false);
    expect(windowOptions('staff', '/p.cjs', true).webPreferences?.devTools).toBe(false);
    expect(windowOptions('staff', '/p.cjs', false).webPreferences?.devTools).toBe(true);
  });

  it('make the kiosk a black full-screen kiosk window and the staff window an ordinary one', () => {
    expect(windowOptions('kiosk', '/p.cjs', true)).toMatchObject({ kiosk: true, autoHideMenuBar: true, backgroundColor: '#000000', show: false });
    expect(windowOptions('staff', '/p.cjs', true)).not.toHaveProperty('kiosk');
  });
});
