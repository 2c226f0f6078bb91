import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHOTO_NAMING, PhotoImportPreview } from '@shared/domain';
import { useTempDirs } from '../testing/tempDir';
import { previewPhotos } from './previewPhotos';
import { buildZip } from './testing/zipWriter';

const tempDir = useTempDirs();
const PUPILS = ['123456', '234567', '345678', '456789'];

function folder(names: string[]): string {
  const dir = join(tempDir(), 'pasfotos');
  mkdirSync(dir, { recursive: true });
  // Not images at all: the preview reads names only, so it cannot tell, and must not try.
  for (const name of names) writeFileSync(join(dir, name), 'not read by a preview');
  return dir;
}

describe('previewing a photo import from the file names', () => {
  it('matches each preset naming, shows examples and misses, and refuses a second file and one without consent', async () => {
    const names = ['Jansen, Piet (123456).jpg', 'Berg, Sanne van den (234567).JPG', 'Bakker (345678).png', 'Bakker kopie (345678).png', 'Vos (456789).jpg', 'klassenfoto.jpg'];
    const preview = await previewPhotos({
      kind: 'folder', path: folder(names), pattern: PHOTO_NAMING.nameThenNumber, pupilNumbers: PUPILS, withoutConsent: new Set(['456789']),
    });
    expect(PhotoImportPreview.parse(preview)).toEqual(preview);
    expect(preview).toMatchObject({ files: 6, matched: 3, unmatched: 1, unmatchedExamples: ['klassenfoto.jpg'] });
    expect(preview.examples).toContainEqual({ file: 'Jansen, Piet (123456).jpg', pupilNumber: '123456' });
    expect(preview.refused.map((r) => r.code).sort()).toEqual(['duplicate', 'noConsent']);
  });

  it('says when a naming fits nothing, so the administrator picks another before importing', async () => {
    const dir = folder(['123456_Jansen_Piet.jpg', '234567 - Sanne van den Berg.jpg']);
    const asNumber = await previewPhotos({ kind: 'folder', path: dir, pattern: PHOTO_NAMING.number, pupilNumbers: PUPILS });
    expect(asNumber).toMatchObject({ matched: 0, unmatched: 2 });
    const asExport = await previewPhotos({ kind: 'folder', path: dir, pattern: PHOTO_NAMING.numberThenName, pupilNumbers: PUPILS });
    expect(asExport).toMatchObject({ matched: 2, unmatched: 0 });
  });

  it('reads a ZIP\'s list of contents only, and names an archive it cannot read', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'fotos.zip'), buildZip([{ name: 'klas/123456.jpg', data: Buffer.from('x'), method: 'store' }, { name: '../999.jpg', data: Buffer.from('x'), method: 'store' }]));
    const preview = await previewPhotos({ kind: 'zip', path: join(dir, 'fotos.zip'), pattern: PHOTO_NAMING.number, pupilNumbers: PUPILS });
    expect(preview).toMatchObject({ files: 2, matched: 1, refused: [{ file: '../999.jpg', code: 'unsafeName' }] });
    writeFileSync(join(dir, 'kapot.zip'), 'not a zip');
    expect(await previewPhotos({ kind: 'zip', path: join(dir, 'kapot.zip'), pattern: PHOTO_NAMING.number, pupilNumbers: PUPILS }))
      .toMatchObject({ matched: 0, refused: [{ file: 'kapot.zip', code: 'notZip' }] });
  });
});
