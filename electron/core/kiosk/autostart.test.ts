import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '@shared/settings';
import { type AutostartFacts, autostartPlan, quoteExecArgument, requestedStartAtLogin, XDG_ENTRY_MARKER, xdgAutostartDir, xdgAutostartEntry } from './autostart';

const linuxKiosk: AutostartFacts = {
  platform: 'linux', mode: 'kiosk', isPackaged: true, requested: null, execPath: '/opt/Gangbord/gangbord', appPath: '/opt/Gangbord/resources/app.asar',
};

describe('autostartPlan', () => {
  it('starts an installed kiosk at login on every platform', () => {
    expect(autostartPlan(linuxKiosk)).toEqual({ kind: 'xdg-entry', install: true, command: ['/opt/Gangbord/gangbord'] });
    expect(autostartPlan({ ...linuxKiosk, platform: 'win32', execPath: 'C:\\Program Files\\Gangbord\\Gangbord.exe' }))
      .toEqual({ kind: 'login-item', openAtLogin: true, path: 'C:\\Program Files\\Gangbord\\Gangbord.exe', args: [] });
    expect(autostartPlan({ ...linuxKiosk, platform: 'darwin' })).toEqual({ kind: 'login-item', openAtLogin: true });
  });

  it('starts an AppImage from the image file, not from its temporary mount point', () => {
    const facts = { ...linuxKiosk, execPath: '/tmp/.mount_GangboXyZ/gangbord', appImage: '/home/kiosk/Gangbord-0.1.0-linux-x86_64.AppImage' };
    expect(autostartPlan(facts)).toEqual({ kind: 'xdg-entry', install: true, command: ['/home/kiosk/Gangbord-0.1.0-linux-x86_64.AppImage'] });
  });

  it('leaves a developer checkout alone unless asked, and then starts Electron with the app folder', () => {
    const dev = { ...linuxKiosk, isPackaged: false, execPath: '/work/main/node_modules/electron/dist/electron', appPath: '/work/main' };
    expect(autostartPlan(dev)).toMatchObject({ kind: 'leave' });
    expect(autostartPlan({ ...dev, requested: true })).toEqual({ kind: 'xdg-entry', install: true, command: [dev.execPath, '/work/main'] });
    expect(autostartPlan({ ...dev, platform: 'win32', appPath: 'C:\\src\\gang bord', requested: true }))
      .toEqual({ kind: 'login-item', openAtLogin: true, path: dev.execPath, args: ['"C:\\src\\gang bord"'] });
    // macOS login items open bundles: an unpackaged Electron would start without the app.
    expect(autostartPlan({ ...dev, platform: 'darwin', requested: true })).toMatchObject({ kind: 'leave', reason: expect.stringMatching(/bundle/) });
  });

  it('turns it off when asked, even on an installed kiosk', () => {
    expect(autostartPlan({ ...linuxKiosk, requested: false })).toEqual({ kind: 'xdg-entry', install: false });
    expect(autostartPlan({ ...linuxKiosk, platform: 'darwin', requested: false })).toEqual({ kind: 'login-item', openAtLogin: false });
  });

  it('never starts a staff PC at login, and takes an old kiosk entry away', () => {
    expect(autostartPlan({ ...linuxKiosk, mode: 'staff' })).toEqual({ kind: 'xdg-entry', install: false });
    expect(autostartPlan({ ...linuxKiosk, mode: 'staff', platform: 'win32' })).toMatchObject({ kind: 'login-item', openAtLogin: false });
    expect(autostartPlan({ ...linuxKiosk, mode: 'staff', requested: true })).toEqual({ kind: 'xdg-entry', install: false });
    expect(autostartPlan({ ...linuxKiosk, mode: 'staff', isPackaged: false })).toEqual({ kind: 'leave', reason: 'only kiosks start at login' });
  });

  it('says so on platforms it does not know', () => {
    expect(autostartPlan({ ...linuxKiosk, platform: 'freebsd' })).toEqual({ kind: 'leave', reason: 'no start-at-login support on freebsd' });
  });
});

describe('requestedStartAtLogin', () => {
  it('lets the flag win, then the machine setting once it exists, else nobody asked', () => {
    const settings = defaultSettings();
    const withSetting = (value: unknown) => ({ ...settings, kiosk: { startAtLogin: value } }) as unknown as Settings;
    expect(requestedStartAtLogin(null, settings)).toBeNull();
    expect(requestedStartAtLogin(true, settings)).toBe(true);
    expect(requestedStartAtLogin(null, withSetting(false))).toBe(false);
    expect(requestedStartAtLogin(true, withSetting(false))).toBe(true);
    expect(requestedStartAtLogin(null, withSetting(null))).toBeNull();
  });
});

describe('xdgAutostartDir', () => {
  it('uses $XDG_CONFIG_HOME when it is an absolute path, else ~/.config', () => {
    expect(xdgAutostartDir({ XDG_CONFIG_HOME: '/srv/kiosk/config' }, '/home/kiosk')).toBe('/srv/kiosk/config/autostart');
    expect(xdgAutostartDir({}, '/home/kiosk')).toBe('/home/kiosk/.config/autostart');
    expect(xdgAutostartDir({ XDG_CONFIG_HOME: 'relative/config' }, '/home/kiosk')).toBe('/home/kiosk/.config/autostart');
  });
});

describe('xdgAutostartEntry', () => {
  it('is a valid desktop entry that starts the app', () => {
    expect(xdgAutostartEntry(['/opt/Gangbord/gangbord'])).toBe([
      '# Written by Gangbord in kiosk mode, so that the screen comes back after a restart or power cut.',
      '# Gangbord rewrites or removes it; --start-at-login=off removes it.',
      '[Desktop Entry]',
      'Type=Application',
      'Version=1.5',
      'Name=Gangbord',
      'Comment=Room timetables on a corridor screen',
      'Exec="/opt/Gangbord/gangbord"',
      'Terminal=false',
      'NoDisplay=true',
      'X-GNOME-Autostart-enabled=true',
      XDG_ENTRY_MARKER,
      '',
    ].join('\n'));
  });

  it('quotes every argument as the Exec key wants it', () => {
    expect(xdgAutostartEntry(['/home/kiosk/Mijn Apps/gangbord', '/home/kiosk/app'])).toContain('Exec="/home/kiosk/Mijn Apps/gangbord" "/home/kiosk/app"\n');
    // Inside quotes: \" \` \$ \\ ; then every backslash doubled by the string escaping; % doubled for field codes.
    expect(quoteExecArgument('a"b')).toBe('"a\\\\"b"');
    expect(quoteExecArgument('$HOME`x`')).toBe('"\\\\$HOME\\\\`x\\\\`"');
    expect(quoteExecArgument('C:\\dir')).toBe('"C:\\\\\\\\dir"');
    expect(quoteExecArgument('100%')).toBe('"100%%"');
  });

  it('refuses what an Exec line cannot hold', () => {
    expect(() => xdgAutostartEntry([])).toThrow(/needs a program/);
    expect(() => xdgAutostartEntry(['/opt/a=b/gangbord'])).toThrow(/contains "="/);
    expect(() => xdgAutostartEntry(['/opt/gangbord', 'two\nlines'])).toThrow(/cannot write/);
  });
});
