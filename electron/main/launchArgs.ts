import { join, resolve } from 'node:path';
import { AppMode } from '@shared/contract';
import { ProfileId } from '@shared/domain/display';
import { type Clock, shiftedClock, systemClock } from '../core/clock';

// Gangbord's own switches on the Electron command line. No Electron import: unit-tested under Node.
// The rules for --now and --clock-rate are the web host's (electron/web/args.ts), so both hosts read them alike.

export interface LaunchArgs {
  /** `--mode=kiosk|staff`: this run only; the stored setting is left as it is. */
  mode: AppMode | null;
  /** `--now=<ISO instant>`: where the core clock starts (tests, admin previews). */
  now: number | null;
  /** `--clock-rate=<R>`: core milliseconds per real millisecond. */
  clockRate: number;
  /** `--provisioning=<file>`: the provisioning file to apply and watch, instead of the default one. */
  provisioning: string | null;
  /** `--profile=<id>`: the display profile for this run only. */
  profile: string | null;
  /** `--start-at-login=on|off`: register (or remove) the kiosk's start at login. */
  startAtLogin: boolean | null;
  /** `--publisher`: run as the school's fleet publisher, without a window (docs/fleet.md). */
  publisher: boolean;
}

export class LaunchArgsError extends Error {
  override name = 'LaunchArgsError';
}

const OURS = ['mode', 'now', 'clock-rate', 'provisioning', 'profile', 'start-at-login', 'publisher'] as const;
type Ours = (typeof OURS)[number];
/** Switches that take no value. */
const FLAGS: readonly Ours[] = ['publisher'];

/**
 * Reads `--name=value` or `--name value` for our switches and ignores everything else on the line: Electron's and
 * Chromium's own switches, the app path, and what the OS adds (a second-instance argv, macOS's -psn_...).
 */
export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  const raw: Partial<Record<Ours, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match || !OURS.includes(match[1] as Ours)) continue;
    const name = match[1] as Ours;
    let value = match[2];
    if (FLAGS.includes(name)) {
      // A switch without a value; "--publisher=yes" would be a mistake worth saying.
      if (value !== undefined) throw new LaunchArgsError(`--${name} takes no value`);
      raw[name] = 'on';
      continue;
    }
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new LaunchArgsError(`--${name} needs a value, as in --${name}=...`);
      value = next;
      i++;
    }
    raw[name] = value;
  }

  let mode: AppMode | null = null;
  if (raw.mode !== undefined) {
    const parsed = AppMode.safeParse(raw.mode);
    if (!parsed.success) throw new LaunchArgsError(`--mode must be kiosk or staff (got "${raw.mode.slice(0, 40)}")`);
    mode = parsed.data;
  }

  let now: number | null = null;
  if (raw.now !== undefined) {
    // An instant needs its offset: "2026-11-24T09:15:00+01:00" or "...Z". A bare local time would be ambiguous.
    if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(raw.now) || Number.isNaN(Date.parse(raw.now))) {
      throw new LaunchArgsError(`--now must be an ISO instant with an offset, such as 2026-11-24T09:15:00+01:00 (got "${raw.now.slice(0, 60)}")`);
    }
    now = Date.parse(raw.now);
  }

  const clockRate = raw['clock-rate'] === undefined ? 1 : Number(raw['clock-rate']);
  if (!(clockRate > 0 && clockRate <= 100_000)) throw new LaunchArgsError('--clock-rate must be a number above 0 and at most 100000');

  let profile: string | null = null;
  if (raw.profile !== undefined) {
    if (!ProfileId.safeParse(raw.profile).success) {
      throw new LaunchArgsError(`--profile must be a display profile id: lower-case letters, digits and dashes (got "${raw.profile.slice(0, 60)}")`);
    }
    profile = raw.profile;
  }

  if (raw.provisioning === '') throw new LaunchArgsError('--provisioning needs a file, as in --provisioning=/srv/gangbord/provisioning.json');

  let startAtLogin: boolean | null = null;
  if (raw['start-at-login'] !== undefined) {
    const value = raw['start-at-login'];
    if (value !== 'on' && value !== 'off') throw new LaunchArgsError(`--start-at-login must be on or off (got "${value.slice(0, 40)}")`);
    startAtLogin = value === 'on';
  }

  return { mode, now, clockRate, provisioning: raw.provisioning ?? null, profile, startAtLogin, publisher: raw.publisher === 'on' };
}

/** The environment variable naming a provisioning file, for images that cannot change the command line. */
export const PROVISIONING_ENV = 'GANGBORD_PROVISIONING';

/**
 * Which provisioning file the core applies and watches: `--provisioning`, else $GANGBORD_PROVISIONING, else
 * `<userData>/provisioning.json`. The core applies it when it exists and keeps polling it, so a file copied in
 * later (or onto a share) still takes effect without a restart.
 */
export function provisioningFile(args: LaunchArgs, env: NodeJS.ProcessEnv, userData: string, cwd: string = process.cwd()): { file: string; from: 'command line' | 'environment' | 'default' } {
  if (args.provisioning !== null) return { file: resolve(cwd, args.provisioning), from: 'command line' };
  const fromEnv = env[PROVISIONING_ENV]?.trim();
  if (fromEnv) return { file: resolve(cwd, fromEnv), from: 'environment' };
  return { file: join(userData, 'provisioning.json'), from: 'default' };
}

/**
 * Whether a moved or sped-up clock may be used. On a staff machine time is evidence (audit entries, the TOTP
 * window, lockouts), so an installed (packaged) app ignores --now and --clock-rate there; a kiosk may use them for
 * previews, and a development build anywhere.
 */
export function clockSwitchesAllowed(mode: AppMode, isPackaged: boolean): boolean {
  return mode === 'kiosk' || !isPackaged;
}

/** The system clock, unless the command line moved or sped up time (and that is allowed here). */
export function clockFromArgs(args: LaunchArgs, allowed: boolean, realNow: () => number = Date.now): Clock {
  if (!allowed || (args.now === null && args.clockRate === 1)) return systemClock;
  return shiftedClock(args.now ?? realNow(), args.clockRate, realNow);
}
