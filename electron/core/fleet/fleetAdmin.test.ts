import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../logger';
import { memorySecretStore } from '../secrets/secretStore';
import { useTempDirs } from '../testing/tempDir';
import { approve, CLOCK_OFF_SECONDS, loadRoster, screenStatuses, statusCsv, waitingScreens } from './fleetAdmin';
import { startFleetScreen } from './fleetScreen';
import { newKeyPair, publicKeyText } from './keys';

const tempDir = useTempDirs();
const SCHOOL = 'gangbord-college';

describe('fleet administration', () => {
  it('lists only well-formed requests as waiting: a broken file or an odd folder in screens/ is passed over', async () => {
    const folder = tempDir();
    const ctx = { dataDir: tempDir(), folder, school: SCHOOL, key: newKeyPair(), now: () => Date.now() };
    mkdirSync(join(folder, 'screens', 'scherm-kapot'), { recursive: true });
    writeFileSync(join(folder, 'screens', 'scherm-kapot', 'request.json'), '{"id": "scherm-kap');
    mkdirSync(join(folder, 'screens', 'Geen Scherm'), { recursive: true });
    writeFileSync(join(folder, 'screens', 'Geen Scherm', 'request.json'), JSON.stringify({ id: 'Geen Scherm', publicKey: 'x', fingerprint: 'x', at: 1 }));
    const screen = await startFleetScreen({
      config: { type: 'fleet', folder, school: SCHOOL, publisherKey: publicKeyText(ctx.key.publicKey) }, secrets: memorySecretStore(),
      now: () => Date.now(), log: memoryLogger(), displayGroup: () => null, onAlerts: () => {},
      health: () => ({ version: '0.1.0', profile: null, screenOn: true, dataAsOf: null, lastError: null }),
    });
    try {
      expect((await waitingScreens(ctx)).map((r) => r.id)).toEqual([screen.screenId]);
    } finally {
      screen.stop();
    }
  });

  it('says when a screen\'s clock is more than two minutes off the folder\'s', async () => {
    const folder = tempDir();
    const key = newKeyPair();
    const ctx = { dataDir: tempDir(), folder, school: SCHOOL, key, now: () => Date.now() };
    const startScreen = (offsetMs: number) => startFleetScreen({
      config: { type: 'fleet', folder, school: SCHOOL, publisherKey: publicKeyText(key.publicKey) }, secrets: memorySecretStore(),
      now: () => Date.now() + offsetMs, log: memoryLogger(), displayGroup: () => null, onAlerts: () => {},
      health: () => ({ version: '0.1.0', profile: null, screenOn: true, dataAsOf: null, lastError: null }),
    });
    const slow = await startScreen(-5 * 60_000);
    const fast = await startScreen(5 * 60_000);
    const right = await startScreen(0);
    try {
      await approve(ctx, slow.screenId, 'Achter', null);
      await approve(ctx, right.screenId, 'Gelijk', null);
      await approve(ctx, fast.screenId, 'Voor', null);
      await fast.writeStatus();
      await slow.writeStatus();
      await right.writeStatus();
      const rows = Object.fromEntries((await screenStatuses(ctx, loadRoster(ctx))).map((r) => [r.name, r.clockOffsetSeconds!]));
      expect(rows.Achter).toBeLessThan(-CLOCK_OFF_SECONDS);
      expect(rows.Voor).toBeGreaterThan(CLOCK_OFF_SECONDS);
      expect(Math.abs(rows.Gelijk!)).toBeLessThan(CLOCK_OFF_SECONDS);
      expect(statusCsv([{ school: ctx.school, rows: await screenStatuses(ctx, loadRoster(ctx)) }])[0]).toContain('clock_offset_s');
    } finally {
      for (const s of [slow, fast, right]) s.stop();
    }
  });
});
