import { describe, expect, it } from 'vitest';
import { PhotoImportReport } from '@shared/domain';
import { buildReport, type Fate, refusedWhole } from './importReport';

describe('the import report', () => {
  it('lists every file once, in listing order; a file with no fate is reported as not imported', () => {
    const fates: (Fate | undefined)[] = [{ kind: 'stored' }, { kind: 'unmatched' }, { kind: 'rejected', reason: { code: 'notImage', text: 'GIF' } }, undefined];
    expect(buildReport(['1.jpg', 'x.jpg', '2.gif', '3.jpg'], fates)).toEqual({
      files: 4, stored: 1, unmatched: ['x.jpg'],
      rejected: [{ file: '2.gif', code: 'notImage', reason: 'GIF' }, { file: '3.jpg', code: 'cancelled', reason: 'Not imported (the import stopped before this file).' }],
    });
  });

  it('stays within the contract for 20,000 refused and unmatched files with long names and reasons', () => {
    const names = Array.from({ length: 40_000 }, (_, i) => `${'x'.repeat(400)}${i}.jpg`);
    const fates = names.map((_, i): Fate => (i % 2 ? { kind: 'unmatched' } : { kind: 'rejected', reason: { code: 'damaged', text: 'r'.repeat(500) } }));
    const report = buildReport(names, fates);
    expect(PhotoImportReport.parse(report)).toEqual(report);
    expect(report.files).toBe(40_000);
    expect(report.unmatched.at(-1)).toBe('(and 10001 more files whose name gave no pupil number)');
    expect(report.rejected.at(-1)).toEqual({ file: '(and 10001 more files)', code: 'other', reason: 'Refused; the list stops here.' });
  });

  it('reports an archive refused as a whole as one refused file', () => {
    expect(refusedWhole('photos.zip', { code: 'zipBomb', text: 'bomb' })).toEqual({ files: 1, stored: 0, unmatched: [], rejected: [{ file: 'photos.zip', code: 'zipBomb', reason: 'bomb' }] });
  });
});
