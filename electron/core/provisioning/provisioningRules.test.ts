import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCore } from '../testing/startedCore';
import { useTempDirs } from '../testing/tempDir';

const tempDir = useTempDirs();

const fileWith = (dir: string) => {
  const file = join(dir, 'provisioning.json');
  writeFileSync(file, JSON.stringify({ settings: { locale: 'en', source: { type: 'ical', feeds: [{ name: 'Rooster', url: 'https://elders.example/rooster.ics' }] } } }));
  return file;
};

describe('what a provisioning file may set', () => {
  it('sets a kiosk\'s source, as a roll-out to many screens does', async () => {
    const dir = tempDir();
    const { core, settings } = await startCore(join(dir, 'data'), { mode: 'kiosk', provisioningFile: fileWith(dir) });
    expect(settings.get().source).toMatchObject({ type: 'ical' });
    expect(settings.get().locale).toBe('en');
    await core.stop();
  });

  it('leaves a staff PC\'s source alone, applies the rest, and logs what it left out', async () => {
    const dir = tempDir();
    const { core, settings, log } = await startCore(join(dir, 'data'), { mode: 'staff', provisioningFile: fileWith(dir), settings: { source: { type: 'demo', size: 'small' } } });
    expect(settings.get().source).toEqual({ type: 'demo', size: 'small' });
    expect(settings.get().locale).toBe('en');
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'warn', event: 'provisioning.section-ignored', fields: expect.objectContaining({ section: 'source' }) }));
    await core.stop();
  });
});
