import { describe, expect, it } from 'vitest';
import { SourceError } from '../source';
import { decodeExport } from './decodeText';
import { detectSeparator, readRows, splitLine } from './delimited';
import { substitutionRows, timetableRows } from './gpuRecords';
import { defaultDutchPeriods, gridFromTimeTxt } from './periodGrid';
import { gpuWindow } from './schoolWeeks';
import { substitutionKind } from './substitutionKind';
import { windows1252 } from './testing/gpuExports';

describe('GPU lines', () => {
  it('splits at the separator, honouring quotes, doubled quotes and trailing empty fields', () => {
    expect(splitLine('1;"EF";"SPLI";"BI-GK1";"3.03";3;4;;', ';')).toEqual(['1', 'EF', 'SPLI', 'BI-GK1', '3.03', '3', '4', '', '']);
    expect(splitLine('7,"Raum ""A"", 1",,x', ',')).toEqual(['7', 'Raum "A", 1', '', 'x']);
    expect(splitLine('a\tb\t', '\t')).toEqual(['a', 'b', '']);
    expect(splitLine('1,"open', ',')).toBeNull();
  });

  it('detects ; , and TAB, and reads CR, LF and CRLF alike', () => {
    expect(detectSeparator(['1;"EF";"SPLI";"BI";"3.03";3;4;;'])).toBe(';');
    expect(detectSeparator(['1,"1a","MÜL","Frü","Aula Süd, oost",1,1,,'])).toBe(',');
    expect(detectSeparator(['1\t"1a"\t"A"\t"ne"\t"B2.10"\t1\t1\t\t'])).toBe('\t');
    for (const eol of ['\r\n', '\n', '\r']) {
      expect(readRows('GPU001.TXT', `1,"a"${eol}${eol}2,"b"${eol}`, null).rows).toEqual([{ line: 1, fields: ['1', 'a'] }, { line: 3, fields: ['2', 'b'] }]);
    }
  });

  it('reads `~` lists and the lesson length field', () => {
    const [row] = timetableRows('GPU001.TXT', [{ line: 1, fields: ['5', '09a~09b', 'AB', 'ne', 'B1~B2', '2', '3', '0:45', ''] }]);
    expect(row).toEqual({ lessonNo: 5, classes: ['09a', '09b'], teacher: 'AB', subject: 'ne', rooms: ['B1', 'B2'], day: 2, period: 3, minutes: 45 });
  });

  it('reads the published GPU014 example lines field by field (enbrea test data), never the absence reason', () => {
    const text = [
      '12,"20190807",2,3,124,"Stü","Zim","Ma",,,,"R233","R232",,"8a","Krank",,2,"8a", S,201906191028," - "',
      '13,"20190807",3,3,269,"Bol","Kal","De",,,,"R103","R103",,"8b","Krank",,0,"8b",,201908011452," + ~-"',
      '14,"20190807",1,,3922,"Stü","Kal","En",,,,"SH","KL6",,"2. M1~2. M1+S~2. M2",,"Urlaub",2,"2. M1~2. M1+S~2. M2", S,201908011452," -"',
    ].join('\r\n');
    const rows = substitutionRows('GPU014.TXT', readRows('GPU014.TXT', text, null).rows);
    expect(rows[0]).toEqual({
      line: 1, substitutionNo: 12, date: '2019-08-07', period: 2, lessonNo: 124, absentTeacher: 'Stü', substituteTeacher: 'Zim', subject: 'Ma',
      substituteSubject: null, rooms: ['R233'], substituteRooms: ['R232'], classes: ['8a'], text: null, typeBits: 2, substituteClasses: ['8a'], kindLetter: 'S',
    });
    expect(rows[2]).toMatchObject({ period: 1, lessonNo: 3922, text: 'Urlaub', classes: ['2. M1', '2. M1+S', '2. M2'] });
    expect(JSON.stringify(rows)).not.toContain('Krank');
  });

  it('refuses a damaged line with its file and line number', () => {
    expect(() => timetableRows('GPU001.TXT', [{ line: 12, fields: ['1', 'a', 'b', 'c', 'd', 'Mo', '1'] }])).toThrow(new SourceError('UPSTREAM_INVALID', 'GPU001.TXT, line 12: day "Mo" is not a number; the export may be damaged or still being written.'));
  });
});

describe('GPU014 type bits (decoded from the bit numbers, not enbrea\'s shifted enum)', () => {
  it.each([
    [1, null, 'cancelled'],
    [2, 'S', 'supervision'], // enbrea's own line: type 2, letter S (Betreuung)
    [4, null, 'specialDuty'],
    [8, null, 'movedAway'],
    [16, null, 'release'],
    [64, null, 'partial'],
    [128, null, 'movedHere'],
    [65536, null, 'roomChange'],
    [131072, null, 'breakSupervision'],
    [262144, null, 'lessonFree'],
    [1048576, null, 'doNotPrint'],
    [0, 'C', 'cancelled'],
    [0, 'R', 'roomChange'],
    [0, 'E', 'exam'],
  ] as const)('%i / %s → %s', (bits, letter, flag) => {
    const kind = substitutionKind(bits, letter);
    expect(Object.entries(kind).filter(([, on]) => on).map(([name]) => name)).toEqual([flag]);
  });

  it('a moved lesson is decided by the bits where they are set, whichever letters the two lines carry', () => {
    const flags = (bits: number, letter: string | null) => Object.entries(substitutionKind(bits, letter)).filter(([, on]) => on).map(([name]) => name);
    // The pair as Untis writes it, and with the letters the other way round: the bits say which end is which.
    for (const [awayLetter, hereLetter] of [['F', 'T'], ['T', 'F'], [null, null]] as const) {
      expect(flags(8, awayLetter), `old slot, letter ${awayLetter}`).toEqual(['movedAway']);
      expect(flags(128, hereLetter), `new slot, letter ${hereLetter}`).toEqual(['movedHere']);
    }
    // Without bits the letters decide.
    expect(flags(0, 'F')).toEqual(['movedAway']);
    expect(flags(0, 'T')).toEqual(['movedHere']);
  });

  it('a plain substitution (type 0, no letter) sets nothing', () => {
    expect(Object.values(substitutionKind(0, null)).some(Boolean)).toBe(false);
  });
});

describe('GPU encodings', () => {
  it('takes a BOM at its word, UTF-8 when valid, Windows-1252 otherwise', () => {
    expect(decodeExport(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]), 'windows-1252', 'F')).toEqual({ text: 'A', encoding: 'UTF-8' });
    expect(decodeExport(Uint8Array.from([0xff, 0xfe, 0x41, 0x00]), 'auto', 'F')).toEqual({ text: 'A', encoding: 'UTF-16LE' });
    expect(decodeExport(new Uint8Array(Buffer.from('Müller', 'utf8')), 'auto', 'F')).toEqual({ text: 'Müller', encoding: 'UTF-8' });
    expect(decodeExport(windows1252('Müller, Hélène €'), 'auto', 'F')).toEqual({ text: 'Müller, Hélène €', encoding: 'Windows-1252' });
    expect(() => decodeExport(windows1252('Müller'), 'utf-8', 'GPU004.TXT')).toThrow(/GPU004\.TXT is not UTF-8/);
  });
});

describe('GPU periods and weeks', () => {
  it('has a default Dutch grid of ten 50-minute hours from 08:30', () => {
    expect(defaultDutchPeriods().map((p) => `${p.number} ${p.start}-${p.end}`)).toEqual([
      '1 08:30-09:20', '2 09:20-10:10', '3 10:25-11:15', '4 11:15-12:05', '5 12:35-13:25',
      '6 13:25-14:15', '7 14:30-15:20', '8 15:20-16:10', '9 16:10-17:00', '10 17:00-17:50',
    ]);
  });

  it('reads time.txt per weekday', () => {
    const grid = gridFromTimeTxt('time.txt', '1\t8\t1\t0815\t0900\n2 8 1 0830 0915\n');
    expect(grid.timesOf(1, 1)).toEqual({ start: '08:15', end: '09:00' });
    expect(grid.timesOf(2, 1)).toEqual({ start: '08:30', end: '09:15' });
    expect(grid.timesOf(3, 1)).toEqual({ start: '08:15', end: '09:00' }); // a day it does not list: Monday's
    expect(grid.timesOf(1, 2)).toBeNull();
  });

  it('lays the week from the current Monday, or from a later validFrom', () => {
    const tuesday = Date.parse('2024-03-26T08:00:00Z');
    expect(gpuWindow(tuesday, 'Europe/Amsterdam', 2)).toEqual({ from: '2024-03-25', to: '2024-04-07' });
    expect(gpuWindow(tuesday, 'Europe/Amsterdam', 2, '2024-01-08')).toEqual({ from: '2024-03-25', to: '2024-04-07' });
    expect(gpuWindow(tuesday, 'Europe/Amsterdam', 1, '2024-04-03')).toEqual({ from: '2024-04-03', to: '2024-04-07' });
  });
});
