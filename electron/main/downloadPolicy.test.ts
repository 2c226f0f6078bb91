import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from './appOrigin';
import { downloadAllowed } from './downloadPolicy';

const blob = `blob:${APP_ORIGIN}/6f1c2a9e-0b7d-4d8e-9a51-2f3c4d5e6f70`;

describe('downloads', () => {
  it('lets a staff window save the audit CSV and a pupil export its own page made', () => {
    expect(downloadAllowed('staff', blob, 'gangbord-audit-2026-11-24.csv', APP_ORIGIN)).toBe(true);
    expect(downloadAllowed('staff', blob, 'gangbord-246810.json', APP_ORIGIN)).toBe(true);
  });

  it('refuses every download on a kiosk', () => {
    expect(downloadAllowed('kiosk', blob, 'gangbord-audit-2026-11-24.csv', APP_ORIGIN)).toBe(false);
  });

  it('refuses files from elsewhere, blobs of another origin, and names that are not our exports', () => {
    expect(downloadAllowed('staff', 'https://example.org/gangbord-x.csv', 'gangbord-x.csv', APP_ORIGIN)).toBe(false);
    expect(downloadAllowed('staff', 'blob:https://example.org/6f1c2a9e', 'gangbord-x.csv', APP_ORIGIN)).toBe(false);
    expect(downloadAllowed('staff', 'blob:app://gangbord.evil/6f1c2a9e', 'gangbord-x.csv', APP_ORIGIN)).toBe(false);
    expect(downloadAllowed('staff', blob, 'setup.exe', APP_ORIGIN)).toBe(false);
    expect(downloadAllowed('staff', blob, 'gangbord-x.csv.exe', APP_ORIGIN)).toBe(false);
    expect(downloadAllowed('staff', blob, 'gangbord-../../x.csv', APP_ORIGIN)).toBe(false);
  });

  it('accepts the development server origin when that is where the pages come from', () => {
    expect(downloadAllowed('staff', 'blob:http://localhost:5173/6f1c2a9e', 'gangbord-x.json', 'http://localhost:5173')).toBe(true);
  });
});
