import { describe, expect, it } from 'vitest';
import { systemClock } from '../core/clock';
import { clockFromArgs, clockSwitchesAllowed, type LaunchArgs, LaunchArgsError, parseLaunchArgs, provisioningFile } from './launchArgs';
import { chooseMode } from './mode';

// What Electron puts before our switches: its executable, the app path, and Chromium switches of its own.
const electron = ['/opt/Gangbord/gangbord', '.', '--no-sandbox', '--user-data-dir=/tmp/x'];

describe('parseLaunchArgs', () => {
  it('defaults to no mode, the real time and normal speed', () => {
    expect(parseLaunchArgs(electron)).toEqual({ mode: null, now: null, clockRate: 1, provisioning: null, profile: null, startAtLogin: null, publisher: false });
  });

  it('reads our switches in either form and ignores the rest', () => {
    expect(parseLaunchArgs([...electron, '--mode=staff', '--now', '2026-11-24T09:15:00+01:00', '--clock-rate=60', '--enable-logging']))
      .toEqual({ mode: 'staff', now: Date.parse('2026-11-24T08:15:00Z'), clockRate: 60, provisioning: null, profile: null, startAtLogin: null, publisher: false });
  });

  it('reads the provisioning file, the display profile and start at login', () => {
    expect(parseLaunchArgs([...electron, '--provisioning=/srv/gb/prov.json', '--profile', 'gang-b1', '--start-at-login=on']))
      .toMatchObject({ provisioning: '/srv/gb/prov.json', profile: 'gang-b1', startAtLogin: true });
    expect(parseLaunchArgs(['--start-at-login=off']).startAtLogin).toBe(false);
  });

  it('reads --publisher as a switch without a value, wherever it stands', () => {
    expect(parseLaunchArgs([...electron, '--publisher']).publisher).toBe(true);
    expect(parseLaunchArgs([...electron, '--publisher', '--mode=staff'])).toMatchObject({ publisher: true, mode: 'staff' });
    expect(() => parseLaunchArgs(['--publisher=yes'])).toThrow(/--publisher takes no value/);
  });

  it('refuses values a person should correct, with a sentence saying how', () => {
    expect(() => parseLaunchArgs(['--mode=hallway'])).toThrow(/--mode must be kiosk or staff/);
    expect(() => parseLaunchArgs(['--mode'])).toThrow(LaunchArgsError);
    expect(() => parseLaunchArgs(['--mode', '--now=x'])).toThrow(/needs a value/);
    expect(() => parseLaunchArgs(['--now=2026-11-24T09:15:00'])).toThrow(/with an offset/);
    expect(() => parseLaunchArgs(['--now=yesterday+01:00'])).toThrow(/ISO instant/);
    expect(() => parseLaunchArgs(['--clock-rate=0'])).toThrow(/--clock-rate/);
    expect(() => parseLaunchArgs(['--clock-rate=fast'])).toThrow(/--clock-rate/);
    expect(() => parseLaunchArgs(['--clock-rate=100001'])).toThrow(/--clock-rate/);
    expect(() => parseLaunchArgs(['--profile=Gang B1'])).toThrow(/--profile must be a display profile id/);
    expect(() => parseLaunchArgs(['--profile=../x'])).toThrow(/--profile/);
    expect(() => parseLaunchArgs(['--provisioning='])).toThrow(/--provisioning needs a file/);
    expect(() => parseLaunchArgs(['--provisioning'])).toThrow(/needs a value/);
    expect(() => parseLaunchArgs(['--start-at-login=yes'])).toThrow(/--start-at-login must be on or off/);
    expect(() => parseLaunchArgs(['--start-at-login'])).toThrow(/needs a value/);
  });
});

describe('provisioningFile', () => {
  const none: LaunchArgs = parseLaunchArgs([]);
  it('takes the command line first, then GANGBORD_PROVISIONING, then provisioning.json in userData', () => {
    const env = { GANGBORD_PROVISIONING: '/mnt/share/gangbord.json' };
    expect(provisioningFile({ ...none, provisioning: '/srv/p.json' }, env, '/data', '/cwd')).toEqual({ file: '/srv/p.json', from: 'command line' });
    expect(provisioningFile(none, env, '/data', '/cwd')).toEqual({ file: '/mnt/share/gangbord.json', from: 'environment' });
    expect(provisioningFile(none, {}, '/data', '/cwd')).toEqual({ file: '/data/provisioning.json', from: 'default' });
    expect(provisioningFile(none, { GANGBORD_PROVISIONING: '  ' }, '/data', '/cwd')).toEqual({ file: '/data/provisioning.json', from: 'default' });
  });

  it('makes a relative path absolute against the working directory', () => {
    expect(provisioningFile({ ...none, provisioning: 'p.json' }, {}, '/data', '/cwd')).toEqual({ file: '/cwd/p.json', from: 'command line' });
    expect(provisioningFile(none, { GANGBORD_PROVISIONING: 'conf/p.json' }, '/data', '/cwd').file).toBe('/cwd/conf/p.json');
  });
});

describe('clockFromArgs', () => {
  it('is the system clock unless time was moved or sped up', () => {
    expect(clockFromArgs(parseLaunchArgs([]), true)).toBe(systemClock);
  });

  it('starts at --now and runs at --clock-rate', () => {
    let real = 1_000;
    const clock = clockFromArgs({ ...parseLaunchArgs([]), now: 5_000_000, clockRate: 60 }, true, () => real);
    expect(clock.now()).toBe(5_000_000);
    real += 1_000;
    expect(clock.now()).toBe(5_060_000);
    expect(clock.rate).toBe(60);
  });

  it('keeps the real time on an installed staff machine, where audit entries and TOTP codes depend on it', () => {
    const moved = { ...parseLaunchArgs([]), now: 5_000_000, clockRate: 60 };
    expect(clockSwitchesAllowed('staff', true)).toBe(false);
    expect(clockFromArgs(moved, clockSwitchesAllowed('staff', true))).toBe(systemClock);
    expect(clockFromArgs(moved, clockSwitchesAllowed('kiosk', true)).now()).not.toBe(systemClock.now());
    expect(clockSwitchesAllowed('staff', false)).toBe(true);
  });
});

describe('chooseMode', () => {
  it('lets the command line win for this run, else the stored setting', () => {
    expect(chooseMode('staff', 'kiosk')).toEqual({ mode: 'staff', from: 'command line' });
    expect(chooseMode(null, 'staff')).toEqual({ mode: 'staff', from: 'settings' });
  });
});
