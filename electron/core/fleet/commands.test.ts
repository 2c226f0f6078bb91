import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tempDir';
import { COMMAND_FRESH_MS, commandsFor, sendCommand } from './commands';
import type { Trust } from './envelope';
import { fleetPaths } from './fleetFolder';
import { newKeyPair } from './keys';

const tempDir = useTempDirs();
const SCHOOL = 'gangbord-college';
const NOW = Date.parse('2026-11-24T09:00:00Z');
const publisher = newKeyPair();
const trust: Trust = { school: SCHOOL, keys: new Map([[publisher.keyId, { publicKey: publisher.publicKey, kinds: ['command'] }]]), revoked: new Set() };

describe('commands to screens', () => {
  it('reach the screens they name, once each, with the fresh ones before them kept', async () => {
    const folder = tempDir();
    const send = (action: 'identify' | 'reload', screens: string[], now: number) => sendCommand({ folder, school: SCHOOL, key: publisher, now }, action, screens);
    await send('identify', ['scherm-a', 'scherm-b'], NOW);
    const seenA = new Set<string>();
    const first = commandsFor(readFileSync(fleetPaths(folder).commands), { trust, screenId: 'scherm-a', now: NOW + 1_000, seen: seenA });
    expect(first.ok && first.commands.map((c) => c.action)).toEqual(['identify']);
    await send('reload', ['scherm-b'], NOW + 2_000);
    const again = commandsFor(readFileSync(fleetPaths(folder).commands), { trust, screenId: 'scherm-a', now: NOW + 3_000, seen: seenA });
    // Nothing new for screen a: its identify was carried out, the reload is for b.
    expect(again.ok && again.commands).toEqual([]);
    const b = commandsFor(readFileSync(fleetPaths(folder).commands), { trust, screenId: 'scherm-b', now: NOW + 3_000, seen: new Set() });
    expect(b.ok && b.commands.map((c) => c.action)).toEqual(['identify', 'reload']);
  });

  it('are not carried out by a screen that starts after they went stale', async () => {
    const folder = tempDir();
    await sendCommand({ folder, school: SCHOOL, key: publisher, now: NOW }, 'reload', ['scherm-a']);
    await sendCommand({ folder, school: SCHOOL, key: publisher, now: NOW + COMMAND_FRESH_MS - 5_000 }, 'identify', ['scherm-a']);
    const late = commandsFor(readFileSync(fleetPaths(folder).commands), { trust, screenId: 'scherm-a', now: NOW + COMMAND_FRESH_MS + 1_000, seen: new Set() });
    expect(late.ok && late.commands.map((c) => c.action)).toEqual(['identify']);
  });

  it('are refused when signed by a stranger, changed, or an older file copied back', async () => {
    const folder = tempDir();
    const file = fleetPaths(folder).commands;
    await sendCommand({ folder, school: SCHOOL, key: publisher, now: NOW }, 'identify', ['scherm-a']);
    const older = readFileSync(file);
    const applied = commandsFor(older, { trust, screenId: 'scherm-a', now: NOW, seen: new Set() });
    await sendCommand({ folder, school: SCHOOL, key: newKeyPair(), now: NOW + 1_000 }, 'reload', ['scherm-a']);
    expect(commandsFor(readFileSync(file), { trust, screenId: 'scherm-a', now: NOW + 1_000, seen: new Set() })).toMatchObject({ ok: false, refusal: 'unknown-key' });
    const changed = Buffer.from(older);
    changed[changed.length - 3] = changed[changed.length - 3]! ^ 1;
    writeFileSync(file, changed);
    expect(commandsFor(readFileSync(file), { trust, screenId: 'scherm-a', now: NOW, seen: new Set() })).toMatchObject({ ok: false, refusal: 'body-changed' });
    expect(commandsFor(older, { trust, screenId: 'scherm-a', now: NOW, seen: new Set(), lastSeq: applied.ok ? applied.seq : 0 })).toMatchObject({ ok: false, refusal: 'replayed' });
  });
});
