import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { instantAt } from '@shared/timetable/zonedTime';
import { manualClock } from '../clock';
import { generateDemoPortrait, generateDemoSchool } from '../demo';
import { expectOk, setUpAdmin } from '../testing/staffSession';
import { startCore } from '../testing/startedCore';
import { useTempDirs } from '../testing/tempDir';
import { buildZip } from './testing/zipWriter';

const tempDir = useTempDirs();
const NOW = instantAt('2026-11-24', '10:00', 'Europe/Amsterdam');
const school = generateDemoSchool({ size: 'small', now: NOW, zone: 'Europe/Amsterdam', scope: 'staff' });

describe('photo import through the core', () => {
  it('an administrator imports a ZIP; progress is pushed, the import is audited, and the photo then shown is the re-encoded JPEG', async () => {
    const dir = tempDir();
    const clock = manualClock(NOW);
    const { core } = await startCore(dir, { mode: 'staff', snapshot: school, clock, settings: { source: { type: 'demo', size: 'small' } } });
    try {
      const admin = await setUpAdmin(core, clock.now);
      const [a, b] = school.pupils.filter((p) => p.photoConsent);
      const refused = school.pupils.find((p) => !p.photoConsent)!;
      const zip = join(tempDir(), 'pasfotos.zip');
      writeFileSync(zip, buildZip([
        { name: `0${a!.number}.png`, data: Buffer.from(generateDemoPortrait(a!.number).bytes) },
        { name: `${b!.number}.png`, data: Buffer.from(generateDemoPortrait(b!.number).bytes) },
        { name: `../${b!.number}.png`, data: Buffer.from(generateDemoPortrait(b!.number).bytes) },
        { name: 'klassenlijst.pdf', data: Buffer.from('%PDF-1.4') },
        { name: `${refused.number}.png`, data: Buffer.from(generateDemoPortrait(refused.number).bytes) },
      ]));
      const progress: unknown[] = [];
      core.subscribe((name, payload) => {
        if (name === 'photos.progress') progress.push(payload);
      });

      const report = await expectOk(core.dispatch(admin.caller, 'photos.import', { kind: 'zip', path: zip }));

      expect(report).toEqual({
        files: 5, stored: 2, unmatched: ['klassenlijst.pdf'],
        rejected: [
          { file: `../${b!.number}.png`, code: 'unsafeName', reason: expect.stringMatching(/climbs out/) },
          { file: `${refused.number}.png`, code: 'noConsent', reason: expect.stringMatching(/no consent on record/) },
        ],
      });
      expect(progress.at(-1)).toEqual({ done: 5, total: 5 });
      const photo = await expectOk<{ mime: string; base64: string }>(core.dispatch(admin.caller, 'pupils.photo', { number: a!.number }));
      expect(photo.mime).toBe('image/jpeg');
      expect(await sharp(Buffer.from(photo.base64, 'base64')).metadata()).toMatchObject({ format: 'jpeg', width: 150, height: 200 });
      const audit = await expectOk<{ entries: { action: string; detail: string | null }[] }>(core.dispatch(admin.caller, 'audit.query', { limit: 10 }));
      expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['photos.import', 'pupil.photo']));
      expect(audit.entries.find((e) => e.action === 'photos.import')?.detail).toBe('2 stored, 1 unmatched, 2 refused of 5');
    } finally {
      await core.stop();
    }
  });

  it('refuses a file name pattern it cannot run (look-ahead is not RE2), before reading a single file', async () => {
    const dir = tempDir();
    const clock = manualClock(NOW);
    const { core } = await startCore(dir, { mode: 'staff', snapshot: school, clock, settings: { source: { type: 'demo', size: 'small' } } });
    try {
      const admin = await setUpAdmin(core, clock.now);
      const zip = join(tempDir(), 'pasfotos.zip');
      writeFileSync(zip, buildZip([{ name: 'x.png', data: Buffer.from(generateDemoPortrait('1').bytes) }]));

      const result = await core.dispatch(admin.caller, 'photos.import', { kind: 'zip', path: zip, pattern: '^(?=\\d)(\\d+)\\.png$' });

      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/file name pattern cannot be used: the pattern is not a valid regular expression/) } });
      const audit = await expectOk<{ entries: { action: string }[] }>(core.dispatch(admin.caller, 'audit.query', { limit: 10 }));
      expect(audit.entries.map((e) => e.action)).not.toContain('photos.import');
    } finally {
      await core.stop();
    }
  });
});
