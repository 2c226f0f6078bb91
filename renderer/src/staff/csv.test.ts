import { describe, expect, it } from 'vitest';
import { csvFile, csvLine } from './csv';

describe('CSV for Excel', () => {
  it('quotes only where needed and keeps quotes inside a cell', () => {
    expect(csvLine(['123456.jpg', 'Jansen; Piet', 'zei "hoi"', 'twee\nregels'])).toBe('123456.jpg;"Jansen; Piet";"zei ""hoi""";"twee\nregels"');
  });

  it('defuses a cell that would start a formula', () => {
    expect(csvLine(['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', 'gewoon'])).toBe('"\'=HYPERLINK(""http://x"")";\'+1;\'-2;\'@SUM(A1);gewoon');
  });

  it('writes a file Excel reads as UTF-8', () => {
    expect(csvFile([['a', 'b'], ['c', 'd']])).toBe('\uFEFFa;b\r\nc;d\r\n');
  });
});
