import { isAbsolute, join } from 'node:path';
import type { AppMode } from '@shared/contract';
import type { Settings } from '@shared/settings';

// Whether and how a kiosk starts when its user logs in. Decided here (pure, tested under Node);
// electron/main/startAtLogin.ts carries it out.
//
// macOS and Windows: Electron's login item (`app.setLoginItemSettings({ openAtLogin })`). Linux has no such API:
// an XDG autostart entry in ~/.config/autostart does it for every desktop that follows the XDG Autostart spec.
// Either is a convenience, not a watchdog: a locked-down kiosk image should also run Gangbord under a supervisor
// that restarts it (a systemd unit with Restart=always, Windows Shell Launcher) (docs/security-model.md §2).

export interface AutostartFacts {
  platform: NodeJS.Platform;
  mode: AppMode;
  isPackaged: boolean;
  /** `--start-at-login=on|off`, else the machine setting; null: neither says (then: on when packaged). */
  requested: boolean | null;
  /** `process.execPath`. */
  execPath: string;
  /** `app.getAppPath()`: what an unpackaged Electron must be given to start this app. */
  appPath: string;
  /** `$APPIMAGE`: the AppImage file itself. Its execPath lies in a mount point that changes with every start. */
  appImage?: string | undefined;
}

export type AutostartPlan =
  /** `path` and `args` are Windows-only options of Electron's login item; macOS registers the app bundle. */
  | { kind: 'login-item'; openAtLogin: boolean; path?: string; args?: string[] }
  | { kind: 'xdg-entry'; install: true; command: readonly string[] }
  | { kind: 'xdg-entry'; install: false }
  | { kind: 'leave'; reason: string };

/**
 * Whether start at login was asked for: `--start-at-login=on|off` for this machine, else the machine setting
 * `kiosk.startAtLogin` (true, false, or null for "when installed") once shared/settings.ts has it. The setting is
 * read by shape, so this keeps working unchanged when it arrives.
 */
export function requestedStartAtLogin(flag: boolean | null, settings: Settings): boolean | null {
  if (flag !== null) return flag;
  const value = (settings as Partial<Record<'kiosk', { startAtLogin?: unknown } | undefined>>).kiosk?.startAtLogin;
  return typeof value === 'boolean' ? value : null;
}

/** The autostart entry's file name: the app id, as the Desktop Entry spec asks (reverse DNS). */
export const XDG_ENTRY_NAME = 'nl.gangbord.app.desktop';

/**
 * On for a kiosk when packaged (an installed kiosk is meant to come back after a power cut) or when asked; off
 * when asked, and for a staff PC that is packaged or was asked (only kiosks start at login, and a machine that
 * used to be a kiosk must not keep starting as one).
 * An unpackaged checkout is left alone unless asked: a developer's login is not ours to change.
 */
export function autostartPlan(facts: AutostartFacts): AutostartPlan {
  const { platform, mode, isPackaged, requested } = facts;
  let enable: boolean | null;
  if (requested === false) enable = false;
  else if (mode !== 'kiosk') enable = isPackaged || requested === true ? false : null;
  else enable = requested === true || isPackaged ? true : null;

  if (enable === null) {
    return { kind: 'leave', reason: mode === 'kiosk' ? 'not packaged; --start-at-login=on turns it on for this checkout' : 'only kiosks start at login' };
  }

  if (platform === 'linux') {
    if (!enable) return { kind: 'xdg-entry', install: false };
    const command = facts.appImage ? [facts.appImage] : isPackaged ? [facts.execPath] : [facts.execPath, facts.appPath];
    return { kind: 'xdg-entry', install: true, command };
  }
  if (platform === 'win32') {
    // Electron passes args to the Run key as they are: a path with spaces must carry its own quotes.
    return { kind: 'login-item', openAtLogin: enable, path: facts.execPath, args: isPackaged ? [] : [`"${facts.appPath}"`] };
  }
  if (platform === 'darwin') {
    // A macOS login item opens an app bundle, without arguments: unpackaged, that would be a bare Electron.
    if (!isPackaged && enable) return { kind: 'leave', reason: 'a macOS login item opens the app bundle; only an installed Gangbord can start at login' };
    return { kind: 'login-item', openAtLogin: enable };
  }
  return { kind: 'leave', reason: `no start-at-login support on ${platform}` };
}

/** `$XDG_CONFIG_HOME/autostart`, or `~/.config/autostart` when that is unset or not absolute (XDG Base Directory spec). */
export function xdgAutostartDir(env: NodeJS.ProcessEnv, home: string): string {
  const config = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(config, 'autostart');
}

export class AutostartEntryError extends Error {
  override name = 'AutostartEntryError';
}

/**
 * One argument of an Exec line (Desktop Entry spec, "The Exec key"): always quoted; inside the quotes `"`, `` ` ``,
 * `$` and `\` get a backslash; then the general string escaping doubles every backslash (so a literal backslash is
 * written as four); and `%` is doubled, or it would start a field code.
 */
export function quoteExecArgument(arg: string): string {
  // Control characters (a newline would end the line) cannot be carried by an Exec line at all.
  if (arg === '' || /[\u0000-\u001f\u007f]/.test(arg)) throw new AutostartEntryError(`cannot write ${JSON.stringify(arg)} into an autostart entry`);
  const quoted = arg.replace(/["`$\\]/g, (c) => `\\${c}`);
  return `"${quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%')}"`;
}

/** Marks an entry as Gangbord's own, so that it is only ever removed when we wrote it. */
export const XDG_ENTRY_MARKER = 'X-Gangbord-Managed=true';

/** The contents of ~/.config/autostart/nl.gangbord.app.desktop. */
export function xdgAutostartEntry(command: readonly string[]): string {
  const [program] = command;
  if (program === undefined) throw new AutostartEntryError('an autostart entry needs a program to start');
  // The spec forbids "=" in the program's name or path, quoted or not.
  if (program.includes('=')) throw new AutostartEntryError(`the program path ${program} contains "=", which an Exec line cannot hold`);
  return [
    '# Written by Gangbord in kiosk mode, so that the screen comes back after a restart or power cut.',
    '# Gangbord rewrites or removes it; --start-at-login=off removes it.',
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.5',
    'Name=Gangbord',
    'Comment=Room timetables on a corridor screen',
    `Exec=${command.map(quoteExecArgument).join(' ')}`,
    'Terminal=false',
    'NoDisplay=true',
    'X-GNOME-Autostart-enabled=true',
    XDG_ENTRY_MARKER,
    '',
  ].join('\n');
}
