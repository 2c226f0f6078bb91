import { describe, expect, it } from 'vitest';
import { manualClock } from '../clock';
import { at, DAY } from '../testing/sampleSchool';
import { expectOk, setUpAdmin } from '../testing/staffSession';
import { startCore } from '../testing/startedCore';
import { useTempDirs } from '../testing/tempDir';
import { KOPPELCODE, TOKEN, zermeloSchool } from '../sources/zermelo/testing/zermeloSchool';
import { startZermeloServer } from '../sources/zermelo/testing/zermeloServer';

const tempDir = useTempDirs();

describe('configuring the source as an administrator', () => {
  it('links with a Zermelo portal by koppelcode, stores the token unseen, switches over and syncs from it', async () => {
    const portal = await startZermeloServer(zermeloSchool(), { token: TOKEN, koppelcodes: { [KOPPELCODE.replace(/\s/g, '')]: TOKEN } });
    const clock = manualClock(at(DAY, '09:00'));
    const { core } = await startCore(tempDir(), { mode: 'staff', clock });
    const { caller } = await setUpAdmin(core, clock.now);
    try {
      expect(await core.dispatch(caller, 'sources.linkZermelo', { portal: portal.baseUrl, koppelcode: '999 999 999 999' })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
      await expectOk(core.dispatch(caller, 'sources.linkZermelo', { portal: portal.baseUrl, koppelcode: KOPPELCODE }));
      const before = await expectOk<{ secretsSet: string[] }>(core.dispatch(caller, 'sources.get', {}));
      expect(before.secretsSet).toEqual(['zermelo.token']);
      expect(JSON.stringify(before)).not.toContain(TOKEN);

      await expectOk(core.dispatch(caller, 'sources.set', { source: { type: 'zermelo', portal: 'school', baseUrl: portal.baseUrl } }));
      expect((await core.syncNow()).state).toBe('idle');
      const after = await expectOk<{ status: { source: string; lastError: unknown } }>(core.dispatch(caller, 'sources.get', {}));
      expect(after.status).toMatchObject({ source: 'zermelo:school', lastError: null });
      const test = await expectOk<{ ok: boolean; steps: { ok: boolean }[] }>(core.dispatch(caller, 'sources.test', {}));
      expect(test.ok).toBe(true);
      expect(test.steps.length).toBeGreaterThan(1);
    } finally {
      await core.stop();
      await portal.close();
    }
  });

  it('tests a source with a credential typed into the form, and stores nothing', async () => {
    const portal = await startZermeloServer(zermeloSchool(), { token: TOKEN });
    const clock = manualClock(at(DAY, '09:00'));
    const { core } = await startCore(tempDir(), { mode: 'staff', clock });
    const { caller } = await setUpAdmin(core, clock.now);
    try {
      const source = { type: 'zermelo', portal: 'school', baseUrl: portal.baseUrl, token: 'zermelo.token-2' };
      const without = await expectOk<{ ok: boolean }>(core.dispatch(caller, 'sources.test', { source }));
      expect(without.ok).toBe(false);
      const typed = await expectOk<{ ok: boolean }>(core.dispatch(caller, 'sources.test', { source, typedSecrets: { 'zermelo.token-2': TOKEN } }));
      expect(typed.ok).toBe(true);
      // Nothing was kept: a cancelled form leaves the stored credentials as they were.
      expect((await expectOk<{ secretsSet: string[] }>(core.dispatch(caller, 'sources.get', {}))).secretsSet).toEqual([]);
    } finally {
      await core.stop();
      await portal.close();
    }
  });

  it('refuses a feed rule pattern it cannot run, naming the feed and the field, and keeps the source it had', async () => {
    const clock = manualClock(at(DAY, '09:00'));
    const { core } = await startCore(tempDir(), { mode: 'staff', clock });
    const { caller } = await setUpAdmin(core, clock.now);
    try {
      const before = await expectOk<{ source: unknown }>(core.dispatch(caller, 'sources.get', {}));
      const feed = { name: 'Rooster 2025', url: 'https://rooster.example/2025.ics', teacher: { from: 'description', pattern: '(?<=Docent: )\\w+' } };
      expect(await core.dispatch(caller, 'sources.set', { source: { type: 'ical', feeds: [feed] } })).toMatchObject({
        ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^Feed 'Rooster 2025': the teacher pattern cannot be used: the pattern is not a valid regular expression/) },
      });
      expect(await expectOk<{ source: unknown }>(core.dispatch(caller, 'sources.get', {}))).toEqual(before);
    } finally {
      await core.stop();
    }
  });
});
