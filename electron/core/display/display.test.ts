import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DisplaySetup } from '@shared/contract';
import type { DisplayProfile } from '@shared/domain';
import { Settings } from '@shared/settings';
import { manualClock } from '../clock';
import { at, DAY } from '../testing/sampleSchool';
import { startCore } from '../testing/startedCore';
import { useTempDirs } from '../testing/tempDir';
import { activeProfile } from './activeProfile';
import { hashPin } from './pin';

const tempDir = useTempDirs();
const profiles = [
  { id: 'gang-a1', name: 'Gang A, 1e verdieping', layout: 'corridor' as const, rooms: { kind: 'floor' as const, building: 'A', floor: 1 } },
  { id: 'deur-b010', name: 'Deur B0.10', layout: 'door' as const, rooms: { kind: 'list' as const, rooms: ['B0.10'] } },
];
const settings = { display: { profiles, active: null, pinHash: hashPin('2468') } };

describe('the active display profile', () => {
  it('is the command line one, else the chosen one, else the first, else the all-rooms overview', () => {
    const s = Settings.parse(settings);
    expect(activeProfile(s, 'deur-b010').id).toBe('deur-b010');
    expect(activeProfile(Settings.parse({ display: { ...settings.display, active: 'deur-b010' } }), null).id).toBe('deur-b010');
    expect(activeProfile(s, null).id).toBe('gang-a1');
    expect(activeProfile(s, 'unknown').id).toBe('gang-a1');
    expect(activeProfile(Settings.parse({ locale: 'en' }), null)).toMatchObject({ id: 'default', layout: 'corridor', locale: 'en' });
  });
});

const NOW = at(DAY, '08:00');

describe('switching profiles on screen', () => {
  it('needs the PIN, keeps the choice, and tells the page', async () => {
    const clock = manualClock(NOW);
    const { core } = await startCore(tempDir(), { settings, clock });
    const events: string[] = [];
    core.subscribe((name) => events.push(name));
    expect(await core.dispatch({ role: 'kiosk' }, 'display.choose', { profileId: 'deur-b010', pin: '1111' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    clock.advance(2_000); // the wait after a wrong PIN
    expect(await core.dispatch({ role: 'kiosk' }, 'display.choose', { profileId: 'deur-b010', pin: '2468' })).toMatchObject({ ok: true, value: { id: 'deur-b010' } });
    const setup = (await core.dispatch({ role: 'kiosk' }, 'display.current', {})) as { ok: true; value: DisplaySetup };
    expect(setup.value.profile.id).toBe('deur-b010');
    expect(setup.value.pinConfigured).toBe(true);
    expect(events).toContain('display.changed');
    await core.stop();
  });

  it('checks no PIN for a growing while after wrong ones, per screen', async () => {
    const clock = manualClock(NOW);
    const { core } = await startCore(tempDir(), { settings, clock });
    const screen = { role: 'kiosk', client: 'window-1' } as const;
    for (let i = 0; i < 5; i++) {
      await core.dispatch(screen, 'display.choose', { profileId: 'deur-b010', pin: '0000' });
      clock.advance(2 ** i * 2_000);
    }
    await core.dispatch(screen, 'display.choose', { profileId: 'deur-b010', pin: '0000' });
    expect(await core.dispatch(screen, 'display.choose', { profileId: 'deur-b010', pin: '2468' })).toMatchObject({ ok: false, error: { code: 'LOCKED', retryAfterSeconds: 60 } });
    // Another screen of the same machine is not held up by it.
    expect(await core.dispatch({ role: 'kiosk', client: 'window-2' }, 'display.choose', { profileId: 'deur-b010', pin: '2468' })).toMatchObject({ ok: true });
    await core.stop();
  });

  it('is off when no PIN is set', async () => {
    const { core } = await startCore(tempDir(), { settings: { display: { profiles, active: null, pinHash: null } } });
    expect(await core.dispatch({ role: 'kiosk' }, 'display.choose', { profileId: 'deur-b010', pin: '2468' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await core.stop();
  });
});

describe('a provisioning file', () => {
  it('sets profiles and announcements at start, and a new version reaches the core within seconds', async () => {
    const dir = tempDir();
    const file = join(dir, 'provisioning.json');
    writeFileSync(file, JSON.stringify({ settings: { display: { profiles, active: 'deur-b010' } } }));
    const { core } = await startCore(join(dir, 'data'), { provisioningFile: file });
    const profile = async () => ((await core.dispatch({ role: 'kiosk' }, 'display.current', {})) as { ok: true; value: { profile: DisplayProfile } }).value.profile.id;
    expect(await profile()).toBe('deur-b010');

    const changed = new Promise<string[]>((resolve) => {
      const seen: string[] = [];
      core.subscribe((name) => {
        seen.push(name);
        if (seen.includes('data.changed') && seen.includes('display.changed')) resolve(seen);
      });
    });
    const now = Date.parse('2026-11-24T07:45:00Z');
    const drill = { id: 'drill', title: 'Ontruiming', body: 'Naar buiten', start: now - 60_000, end: now + 600_000, audience: [], priority: 0, emergency: true };
    writeFileSync(file, JSON.stringify({ settings: { display: { profiles, active: 'gang-a1' } }, announcements: [drill] }));
    await changed;
    expect(await profile()).toBe('gang-a1');
    const current = (await core.dispatch({ role: 'kiosk' }, 'announcements.current', { at: now })) as { ok: true; value: { announcements: { id: string; emergency: boolean }[] } };
    expect(current.value.announcements[0]).toMatchObject({ id: 'drill', emergency: true });
    await core.stop();
  }, 30_000);

  it('that is broken changes nothing and is logged', async () => {
    const dir = tempDir();
    const file = join(dir, 'provisioning.json');
    writeFileSync(file, JSON.stringify({ settings: { display: { profiles: [{ id: 'BAD ID', name: 'x', layout: 'door' }] } } }));
    const { core, log } = await startCore(join(dir, 'data'), { provisioningFile: file, settings });
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'error', event: 'provisioning.rejected' }));
    const setup = (await core.dispatch({ role: 'kiosk' }, 'display.current', {})) as { ok: true; value: DisplaySetup };
    expect(setup.value.profiles.map((p) => p.id)).toEqual(['gang-a1', 'deur-b010']);
    await core.stop();
  });
});
