import { parseArgs } from 'node:util';
import { ALERT_TEMPLATES } from '../core/fleet/alertMessage';

export class UsageError extends Error {}

export const COMMANDS = ['publish', 'alert', 'requests', 'approve', 'revoke', 'add-sender', 'status'] as const;
export type Command = (typeof COMMANDS)[number];

const COMMON = '--data-dir DIR --folder FLEET-FOLDER --school SCHOOL-ID';
export const USAGE = [
  `usage: npm run publisher -- [publish] ${COMMON} [--interval SECONDS] [--once] [--now ISO] [--clock-rate R]`,
  `       npm run publisher -- alert ${COMMON} --template ${ALERT_TEMPLATES.join('|')} [--title T] [--text T] [--drill] [--minutes N] [--group G ...] [--wait]`,
  `       npm run publisher -- alert ${COMMON} --cap FILE-OR-HTTPS-ADDRESS [--group G ...] [--wait]   a CAP 1.2 alert`,
  `       npm run publisher -- requests ${COMMON}                       screens waiting to be approved`,
  `       npm run publisher -- approve ${COMMON} --screen ID --name NAME [--profile ID]`,
  `       npm run publisher -- revoke ${COMMON} --screen ID`,
  `       npm run publisher -- add-sender ${COMMON} --name NAME --key PUBLIC-KEY`,
  `       npm run publisher -- status ${COMMON} [--csv]                 every screen's health`,
].join('\n');

export interface PublisherArgs {
  command: Command;
  dataDir: string;
  folder: string;
  school: string;
  intervalSeconds: number;
  once: boolean;
  now: number | null;
  clockRate: number;
  template: (typeof ALERT_TEMPLATES)[number];
  title: string | null;
  text: string;
  drill: boolean;
  minutes: number;
  groups: string[];
  wait: boolean;
  screen: string | null;
  name: string | null;
  profile: string | null;
  key: string | null;
  csv: boolean;
  /** A CAP 1.2 alert to send: a file, or an https address. */
  cap: string | null;
}

function need<T>(value: T | null | undefined, flag: string): T {
  if (value === null || value === undefined || value === '') throw new UsageError(`${flag} is required for this command\n${USAGE}`);
  return value;
}

/** The publisher's command line; a bad value is a UsageError with a sentence a person can act on. */
export function parsePublisherArgs(argv: string[]): PublisherArgs {
  const command: Command = (COMMANDS as readonly string[]).includes(argv[0] ?? '') ? (argv[0] as Command) : 'publish';
  let values;
  try {
    ({ values } = parseArgs({
      args: argv[0] === command ? argv.slice(1) : argv,
      options: {
        'data-dir': { type: 'string' }, folder: { type: 'string' }, school: { type: 'string' },
        interval: { type: 'string', default: '60' }, once: { type: 'boolean', default: false },
        now: { type: 'string' }, 'clock-rate': { type: 'string', default: '1' },
        template: { type: 'string', default: 'custom' }, title: { type: 'string' }, text: { type: 'string', default: '' },
        drill: { type: 'boolean', default: false }, minutes: { type: 'string', default: '60' }, group: { type: 'string', multiple: true, default: [] },
        wait: { type: 'boolean', default: false }, screen: { type: 'string' }, name: { type: 'string' }, profile: { type: 'string' },
        key: { type: 'string' }, csv: { type: 'boolean', default: false }, cap: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  for (const name of ['data-dir', 'folder', 'school'] as const) need(values[name], `--${name}`);
  if (!/^[a-z0-9][a-z0-9-]{1,79}$/.test(values.school!)) throw new UsageError('--school is the school id: lower-case letters, digits and dashes (e.g. gangbord-college)');
  const intervalSeconds = Number(values.interval);
  if (!Number.isInteger(intervalSeconds) || intervalSeconds < 10 || intervalSeconds > 3600) throw new UsageError('--interval is whole seconds from 10 to 3600');
  const now = values.now === undefined ? null : Date.parse(values.now);
  if (now !== null && (Number.isNaN(now) || !/(Z|[+-]\d{2}:?\d{2})$/i.test(values.now!))) throw new UsageError('--now is an instant with its offset, e.g. 2026-11-24T09:15:00+01:00');
  const clockRate = Number(values['clock-rate']);
  if (!(clockRate > 0 && clockRate <= 100_000)) throw new UsageError('--clock-rate is a number above 0 and at most 100000');
  if (!(ALERT_TEMPLATES as readonly string[]).includes(values.template!)) throw new UsageError(`--template is one of ${ALERT_TEMPLATES.join(', ')}`);
  const minutes = Number(values.minutes);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) throw new UsageError('--minutes is how long the alert holds: 1 to 1440');
  if (command === 'alert' && values.template === 'custom' && values.cap === undefined) need(values.title, '--title (a custom alert)');
  if (command === 'approve' || command === 'revoke') need(values.screen, '--screen');
  if (command === 'approve' || command === 'add-sender') need(values.name, '--name');
  if (command === 'add-sender') need(values.key, '--key');
  return {
    command, dataDir: values['data-dir']!, folder: values.folder!, school: values.school!, intervalSeconds, once: values.once!,
    now, clockRate, template: values.template as PublisherArgs['template'], title: values.title ?? null, text: values.text!,
    drill: values.drill!, minutes, groups: values.group!, wait: values.wait!, screen: values.screen ?? null, name: values.name ?? null,
    profile: values.profile ?? null, key: values.key ?? null, csv: values.csv!, cap: values.cap ?? null,
  };
}
