import { describe, expect, it } from 'vitest';
import { parseWebHostArgs, UsageError } from './args';

describe('web host arguments', () => {
  it('reads mode, data dir, port, now and clock rate', () => {
    expect(parseWebHostArgs(['--mode', 'kiosk', '--data-dir', '/tmp/x', '--port', '8080', '--now', '2026-11-24T09:15:00+01:00', '--clock-rate', '60']))
      .toEqual({ mode: 'kiosk', dataDir: '/tmp/x', port: 8080, now: Date.parse('2026-11-24T08:15:00Z'), clockRate: 60, provisioning: null, profile: null });
  });

  it('defaults to a free port, the real clock and rate 1', () => {
    expect(parseWebHostArgs(['--mode=staff', '--data-dir=d'])).toEqual({ mode: 'staff', dataDir: 'd', port: 0, now: null, clockRate: 1, provisioning: null, profile: null });
    expect(parseWebHostArgs(['--mode=kiosk', '--data-dir=d', '--provisioning', 'p.json', '--profile', 'gang-b1'])).toMatchObject({ provisioning: 'p.json', profile: 'gang-b1' });
  });

  it.each([
    [['--data-dir', 'd'], /--mode/],
    [['--mode', 'tv', '--data-dir', 'd'], /--mode/],
    [['--mode', 'kiosk'], /--data-dir/],
    [['--mode', 'kiosk', '--data-dir', 'd', '--port', '70000'], /--port/],
    [['--mode', 'kiosk', '--data-dir', 'd', '--now', '2026-11-24T09:15'], /offset/],
    [['--mode', 'kiosk', '--data-dir', 'd', '--now', 'tomorrow'], /--now/],
    [['--mode', 'kiosk', '--data-dir', 'd', '--clock-rate', '0'], /--clock-rate/],
    [['--mode', 'kiosk', '--data-dir', 'd', '--unknown'], /Unknown option/],
    [['--mode', 'kiosk', '--data-dir', 'd', '--profile', 'Not A Profile'], /--profile/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseWebHostArgs(argv as string[])).toThrow(UsageError);
    expect(() => parseWebHostArgs(argv as string[])).toThrow(message);
  });
});
