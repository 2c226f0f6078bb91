import { parseArgs } from 'node:util';
import { AppMode } from '@shared/contract';

export interface WebHostArgs {
  mode: AppMode;
  dataDir: string;
  port: number;
  now: number | null;
  clockRate: number;
  /** A provisioning file to apply and watch (default: DIR/provisioning.json when it exists). */
  provisioning: string | null;
  /** A display profile for this run. */
  profile: string | null;
}

export class UsageError extends Error {}

export const USAGE = 'usage: npm run web -- --mode kiosk|staff --data-dir DIR [--port N] [--now ISO-INSTANT] [--clock-rate R] [--provisioning FILE] [--profile ID]';

/** Parses the web host's command line; a bad value is a UsageError with a sentence a person can act on. */
export function parseWebHostArgs(argv: string[]): WebHostArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        mode: { type: 'string' },
        'data-dir': { type: 'string' },
        port: { type: 'string', default: '0' },
        now: { type: 'string' },
        'clock-rate': { type: 'string', default: '1' },
        provisioning: { type: 'string' },
        profile: { type: 'string' },
        // Electron's start-at-login switch; `npm start` may pass it on when it falls back to this host, which ignores it.
        'start-at-login': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const mode = AppMode.safeParse(values.mode);
  if (!mode.success) throw new UsageError(`--mode must be kiosk or staff\n${USAGE}`);
  if (!values['data-dir']) throw new UsageError(`--data-dir is required\n${USAGE}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a whole number from 0 to 65535 (0 picks a free port)');
  let now: number | null = null;
  if (values.now !== undefined) {
    // An instant needs its offset: "2026-11-24T09:15:00+01:00" or "...Z". A bare local time would be ambiguous.
    if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(values.now) || Number.isNaN(Date.parse(values.now))) {
      throw new UsageError(`--now must be an ISO instant with an offset, such as 2026-11-24T09:15:00+01:00 (got "${values.now}")`);
    }
    now = Date.parse(values.now);
  }
  const clockRate = Number(values['clock-rate']);
  if (!(clockRate > 0 && clockRate <= 100_000)) throw new UsageError('--clock-rate must be a number above 0 and at most 100000');
  const profile = values.profile ?? null;
  if (profile !== null && !/^[a-z0-9][a-z0-9-]{0,39}$/.test(profile)) throw new UsageError('--profile must be a display profile id (lower-case letters, digits and dashes)');
  return { mode: mode.data, dataDir: values['data-dir'], port, now, clockRate, provisioning: values.provisioning ?? null, profile };
}
