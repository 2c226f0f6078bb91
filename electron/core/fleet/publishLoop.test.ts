import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Settings } from '@shared/settings';
import { memoryLogger } from '../logger';
import { memorySecretStore } from '../secrets/secretStore';
import { useTempDirs } from '../testing/tempDir';
import { openBundle } from './bundle';
import { fleetPaths } from './fleetFolder';
import { newKeyPair } from './keys';
import { createPublishLoop } from './publishLoop';
import { openRoster } from './roster';

const tempDir = useTempDirs();
const NOW = Date.parse('2026-11-24T06:00:00Z');
const SCHOOL = 'gangbord-college';

function loopOn(folder: string, settings: Settings, secrets = memorySecretStore()) {
  const key = newKeyPair();
  const log = memoryLogger();
  const loop = createPublishLoop({
    fleet: { dataDir: tempDir(), folder, school: SCHOOL, key, now: () => NOW }, settings: () => settings, secrets, log, intervalMs: 60_000,
  });
  return { loop, key, log };
}

describe('the publish loop (command line, --publisher and the publisher desk)', () => {
  it('signs the school\'s kiosk picture and its display profiles into the folder', async () => {
    const folder = tempDir();
    const settings = Settings.parse({ mode: 'staff', display: { profiles: [{ id: 'gang-a', name: 'Gang A', layout: 'corridor' }] } });
    const { loop, key } = loopOn(folder, settings);
    expect(await loop.round()).toBe(true);
    const trust = { school: SCHOOL, keys: new Map([[key.keyId, { publicKey: key.publicKey, kinds: ['bundle'] as const }]]), revoked: new Set<string>() };
    const bundle = openBundle(readFileSync(fleetPaths(folder).bundle), { trust, now: NOW });
    expect(bundle.ok && bundle.payload.kind === 'snapshot' && bundle.payload.rooms.length).toBeGreaterThan(10);
    const roster = openRoster(readFileSync(fleetPaths(folder).roster), { school: SCHOOL, publisher: key.publicKey, now: NOW });
    expect(roster.ok && roster.roster.profiles.map((p) => p.id)).toEqual(['gang-a']);
  });

  it('keeps the last bundle when the upstream fails, and says why in its log', async () => {
    const folder = tempDir();
    const demo = loopOn(folder, Settings.parse({ mode: 'staff' }));
    await demo.loop.round();
    const before = readFileSync(fleetPaths(folder).bundle);
    // A Zermelo portal that answers every request with a server error.
    const server = createServer((_req, res) => res.writeHead(503).end()).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const broken = Settings.parse({ mode: 'staff', source: { type: 'zermelo', portal: 'school', baseUrl: `http://127.0.0.1:${port}/api/v3` } });
      const failing = createPublishLoop({
        fleet: { dataDir: tempDir(), folder, school: SCHOOL, key: demo.key, now: () => NOW + 60_000 },
        settings: () => broken, secrets: memorySecretStore({ 'zermelo.token': 'tok' }), log: demo.log, intervalMs: 60_000,
      });
      expect(await failing.round()).toBe(false);
    } finally {
      server.close();
    }
    expect(readFileSync(fleetPaths(folder).bundle).equals(before)).toBe(true);
    expect(demo.log.lines.some((e) => e.event === 'fleet.publish-failed')).toBe(true);
  });

  it('refuses to publish a fleet folder as its own source', async () => {
    const folder = tempDir();
    const settings = Settings.parse({ mode: 'staff', source: { type: 'fleet', folder, school: SCHOOL, publisherKey: 'A'.repeat(43) } });
    const { loop, log } = loopOn(folder, settings);
    expect(await loop.round()).toBe(false);
    expect(JSON.stringify(log.lines)).toMatch(/cannot be a fleet folder/);
  });
});
