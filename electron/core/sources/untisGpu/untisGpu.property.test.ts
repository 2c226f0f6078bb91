import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Group, Holiday, Lesson, Period, Room, Subject } from '@shared/domain';
import { UntisGpuSourceConfig } from '@shared/settings';
import { instantAt } from '@shared/timetable/zonedTime';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import { checkSnapshot } from '../source';
import { expectUpstreamError, failuresThroughSyncOnce, sourceContext } from '../testing/connectorChecks';
import { createUntisGpuSource } from './gpuSource';
import type { GpuFileKind, GpuRaw } from './readExport';
import { exportFolder, windows1252 } from './testing/gpuExports';

/*
 * Whatever an export folder holds, the connector ends in a snapshot fit for the domain or in a typed SourceError
 * that names an upstream problem: never a crash, never a partial write. Files are built from each format's
 * fields (so they reach the timetable and the substitutions) and then bent: separators, quotes, `~` lists,
 * trailing empty fields, garbage lines, cut-off ends, CR/LF/CRLF, UTF-8, Windows-1252, UTF-16 and BOMs.
 */

const ZONE = 'Europe/Amsterdam';
const NOW = instantAt('2019-02-05', '08:00', ZONE);
const tempDir = useTempDirs();

const digits = (n: number, w: number) => String(n).padStart(w, '0');
const nearDate = fc.integer({ min: -12, max: 24 }).map((d) => new Date(Date.UTC(2019, 1, 4 + d)).toISOString().slice(0, 10).replace(/-/g, ''));
const garbage = fc.string({ unit: 'binary', maxLength: 12 });
const codeArb = fc.oneof(
  { arbitrary: fc.constantFrom('3.08', '2.05', 'Aula Süd', 'Lokaal é1', 'Q1', 'EF', '09a~09b', 'MÜL', 'OLDI', 'D-GK4', 'fa', 'Frü', '', ' x ', 'a"b'), weight: 30 },
  { arbitrary: fc.string({ maxLength: 14 }), weight: 8 },
  { arbitrary: garbage, weight: 1 },
);
const intish = (min: number, max: number) => fc.oneof(
  { arbitrary: fc.integer({ min, max }).map(String), weight: 80 },
  { arbitrary: fc.constantFrom('', 'x', '-1', '1.5', '99999999999', ' 3'), weight: 1 },
);

type Field = { text: string; quoted: boolean };
const text = (a: fc.Arbitrary<string>) => a.map((t): Field => ({ text: t, quoted: true }));
const num = (a: fc.Arbitrary<string>) => a.map((t): Field => ({ text: t, quoted: false }));

const gpu001Line = fc.tuple(
  num(intish(1, 6)), text(codeArb), text(codeArb), text(codeArb), text(codeArb),
  num(intish(1, 7)), num(intish(0, 12)), num(fc.constantFrom('', '', '45', '0:45', '90', 'x')), num(fc.constant('')),
);
const codes = (n: number): fc.Arbitrary<Field>[] => Array.from({ length: n }, () => text(codeArb));
const gpu002Line = fc.tuple(num(intish(1, 6)), ...codes(13), num(fc.oneof(nearDate, fc.constant(''))), num(fc.oneof(nearDate, fc.constant(''))));
const gpu014Line = fc.tuple(
  num(intish(1, 50)), text(fc.oneof({ arbitrary: nearDate, weight: 60 }, { arbitrary: fc.constantFrom('20190231', 'x', ''), weight: 1 })), num(intish(0, 12)), num(fc.constant('')),
  num(fc.oneof(intish(1, 6), fc.constant(''))), text(codeArb), text(codeArb), text(codeArb), num(fc.constant('')), text(codeArb), num(fc.constant('')),
  text(codeArb), text(codeArb), num(fc.constant('')), text(codeArb), text(fc.constant('Krank')), text(fc.oneof(fc.constant(''), fc.string({ maxLength: 30 }))),
  num(fc.oneof(fc.constantFrom('0', '1', '2', '8', '128', '136', '65536', '65537', '131072', '262144', '1048576'), fc.nat().map(String))),
  text(codeArb), num(fc.constantFrom('', 'C', 'S', 'R', 'T', 'F', 'E', 'B', 'L', '~', 'W', ' S')), num(fc.constant('201902041530')), text(fc.constant(' + ~-')),
);
const gpu018Line = fc.tuple(text(codeArb), text(codeArb), text(nearDate), text(nearDate), text(fc.constantFrom('', 'F')));
const shortName = fc.oneof({ arbitrary: codeArb.filter((c) => c.trim() !== ''), weight: 40 }, { arbitrary: fc.constant(''), weight: 1 });
const namedLine = fc.tuple(text(shortName), text(codeArb), ...Array.from({ length: 6 }, () => num(intish(0, 40))));
const timeLine = fc.oneof(
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 7 * 60, max: 17 * 60 }), fc.constantFrom('\t', ' ', ';'))
    .map(([day, period, start, separator]) => [day, 10, period, `${digits(Math.floor(start / 60), 2)}${digits(start % 60, 2)}`, `${digits(Math.floor((start + 45) / 60), 2)}${digits((start + 45) % 60, 2)}`].join(separator)), weight: 20 },
  { arbitrary: fc.constantFrom('1 8 4 1045', '1\t8\t4\t2400\t2500', 'x y z', '1 8 4 1130 1045'), weight: 1 },
);

const separatorArb = fc.constantFrom(',', ';', '\t');
const eolArb = fc.constantFrom('\r\n', '\n', '\r');
const encodingArb = fc.constantFrom('utf-8', 'utf-8', 'windows-1252', 'windows-1252', 'utf-8-bom', 'utf-16le-bom');

function joinLine(fields: readonly Field[], separator: string): string {
  return fields.map((f) => (f.quoted ? `"${f.text.replace(/"/g, '""')}"` : f.text)).join(separator);
}

function encode(content: string, encoding: string): Uint8Array {
  if (encoding === 'windows-1252') return windows1252(content);
  if (encoding === 'utf-8-bom') return Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from(content, 'utf8')]);
  if (encoding === 'utf-16le-bom') return Uint8Array.from([0xff, 0xfe, ...Buffer.from(content, 'utf16le')]);
  return new Uint8Array(Buffer.from(content, 'utf8'));
}

/** A file: its lines joined with a separator and line ending, sometimes with a garbage line or cut short, encoded. */
const fileArb = (line: fc.Arbitrary<readonly Field[]>, maxLines: number) => fc.record({
  lines: fc.array(line, { maxLength: maxLines }),
  separator: separatorArb,
  eol: eolArb,
  encoding: encodingArb,
  noise: fc.oneof({ arbitrary: fc.constant(null), weight: 25 }, { arbitrary: fc.tuple(fc.nat(), fc.oneof(garbage, fc.string({ maxLength: 20 }))), weight: 1 }),
  cut: fc.oneof({ arbitrary: fc.constant(null), weight: 25 }, { arbitrary: fc.nat(), weight: 1 }),
}).map(({ lines, separator, eol, encoding, noise, cut }) => {
  const rows = lines.map((l) => joinLine(l, separator));
  if (noise) rows.splice(noise[0] % (rows.length + 1), 0, noise[1]);
  let content = rows.join(eol) + (rows.length > 0 ? eol : '');
  if (cut !== null) content = content.slice(0, cut % (content.length + 1));
  return encode(content, encoding);
});

const exportArb = fc.record({
  GPU001: fileArb(gpu001Line, 25),
  GPU002: fc.option(fileArb(gpu002Line, 6), { nil: undefined }),
  GPU003: fc.option(fileArb(namedLine, 4), { nil: undefined }),
  GPU004: fc.option(fileArb(namedLine, 4), { nil: undefined }),
  GPU005: fc.option(fileArb(namedLine, 4), { nil: undefined }),
  GPU006: fc.option(fileArb(namedLine, 4), { nil: undefined }),
  GPU014: fc.option(fileArb(gpu014Line, 10), { nil: undefined }),
  GPU018: fc.option(fileArb(gpu018Line, 3), { nil: undefined }),
  'time.txt': fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    { arbitrary: fc.tuple(fc.array(timeLine, { minLength: 1, maxLength: 12 }), eolArb).map(([l, eol]) => encode(l.join(eol), 'utf-8')), weight: 1 },
  ),
}, { requiredKeys: ['GPU001'] }).map((files): GpuRaw => ({
  folder: '/untis',
  files: Object.entries(files)
    .filter((e): e is [GpuFileKind, Uint8Array] => e[1] !== undefined)
    .map(([kind, bytes]) => ({ kind, name: kind === 'time.txt' ? kind : `${kind}.TXT`, bytes })),
}));

const config = (encoding: 'auto' | 'utf-8' | 'windows-1252' = 'auto') => UntisGpuSourceConfig.parse({ type: 'untis-gpu', folder: '/untis', encoding });

describe('Untis GPU parser properties (fast-check)', () => {
  it('any export: a snapshot the domain accepts, or a typed upstream error (10,000 inputs)', () => {
    const sources = { auto: createUntisGpuSource(config('auto')), 'windows-1252': createUntisGpuSource(config('windows-1252')), 'utf-8': createUntisGpuSource(config('utf-8')) };
    const ctx = sourceContext(NOW);
    let withLessons = 0;
    fc.assert(fc.property(exportArb, fc.constantFrom('auto', 'auto', 'auto', 'auto', 'auto', 'auto', 'windows-1252', 'utf-8') as fc.Arbitrary<keyof typeof sources>, (raw, encoding) => {
      const source = sources[encoding];
      let payload;
      try {
        payload = source.normalise(source.validate(raw, ctx), ctx);
      } catch (error) {
        expectUpstreamError(error);
        return;
      }
      if (payload.kind !== 'snapshot') throw new Error('the GPU source always sends snapshots');
      const ids = new Set<string>();
      for (const lesson of payload.lessons) {
        Lesson.parse(lesson);
        expect(ids.has(lesson.id)).toBe(false);
        ids.add(lesson.id);
        expect(lesson.day >= payload.window.from && lesson.day <= payload.window.to).toBe(true);
      }
      for (const r of payload.rooms) Room.parse(r);
      for (const g of payload.groups) Group.parse(g);
      for (const s of payload.subjects) Subject.parse(s);
      for (const h of payload.holidays) Holiday.parse(h);
      for (const p of payload.periods) Period.parse(p);
      expect(payload.teachers.every((t) => t.name === null)).toBe(true); // kiosk scope
      try {
        checkSnapshot(payload);
        withLessons++;
      } catch (error) {
        expectUpstreamError(error);
      }
    }), { numRuns: 10_000 });
    // The generator must reach the timetable and the substitutions, not only the early refusals.
    expect(withLessons).toBeGreaterThan(1000);
  }, 60_000);

  it('through syncOnce into a cache holding good data: a failure leaves it exactly as it was', async () => {
    const db = openTestCache(tempDir());
    const good = (await createUntisGpuSource(UntisGpuSourceConfig.parse({ type: 'untis-gpu', folder: exportFolder(tempDir(), { school: true, fixtures: 'svws-extra' }) })).fetch(sourceContext(NOW))) as GpuRaw;
    const failures = await failuresThroughSyncOnce({
      db,
      source: createUntisGpuSource(config()),
      good,
      candidates: exportArb,
      numRuns: 120,
      now: NOW,
      zone: ZONE,
    });
    expect(failures).toBeGreaterThan(10);
  }, 60_000);
});
