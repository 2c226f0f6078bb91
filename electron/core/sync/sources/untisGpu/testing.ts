import { copyFileSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { upstreamFixture } from '../../../testing/upstreamFixtures';
import { generatedGpu001, generatedGpu002 } from './generatedSchool';

/*
 * Test helpers for the Untis GPU connector: export folders made in a temp directory from the real samples
 * (referenced in place in ../shared/fixtures/upstream/untis-gpu and copied only into the temp folder, as an
 * Untis export would write them) and this folder's own fixtures.
 */

const here = fileURLToPath(new URL('.', import.meta.url));

export const upstreamGpuSample = (name: string) => upstreamFixture(join('untis-gpu', name));
export const ownGpuFixtures = (set: 'svws-extra' | 'ansi-school') => join(here, 'fixtures', set);

export interface ExportFolderOptions {
  /** The real SVWS samples as GPU001.TXT and GPU002.TXT (only for tests whose point is the real sample). */
  svws?: boolean;
  /** The project's own generated school (generatedSchool.ts) as GPU001.TXT and GPU002.TXT: runs from a plain clone. */
  school?: boolean;
  /** One of this folder's fixture sets, copied in. */
  fixtures?: 'svws-extra' | 'ansi-school';
  /** Extra or replacing files: name → content (a string is written as UTF-8). */
  files?: Record<string, string | Uint8Array>;
}

/** Writes an export folder inside `dir` and returns its path. */
export function exportFolder(dir: string, o: ExportFolderOptions): string {
  const folder = join(dir, 'untis-export');
  mkdirSync(folder, { recursive: true });
  if (o.svws) {
    copyFileSync(upstreamGpuSample('svws_GPU001.txt'), join(folder, 'GPU001.TXT'));
    copyFileSync(upstreamGpuSample('svws_GPU002.txt'), join(folder, 'GPU002.TXT'));
  }
  if (o.school) {
    writeFileSync(join(folder, 'GPU001.TXT'), generatedGpu001());
    writeFileSync(join(folder, 'GPU002.TXT'), generatedGpu002());
  }
  if (o.fixtures) {
    const from = ownGpuFixtures(o.fixtures);
    for (const name of readdirSync(from)) copyFileSync(join(from, name), join(folder, name));
  }
  for (const [name, content] of Object.entries(o.files ?? {})) writeFileSync(join(folder, name), content);
  // As an export written a while ago: the connector reads a folder only once it has been quiet for a few seconds.
  const before = new Date(Date.now() - 60_000);
  for (const name of readdirSync(folder)) utimesSync(join(folder, name), before, before);
  return folder;
}

/** Text as Windows-1252 bytes (Latin-1 plus the few 0x80-0x9f letters a school uses); anything else becomes '?'. */
export function windows1252(text: string): Uint8Array {
  const special: Record<string, number> = { '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, 'Š': 0x8a, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, 'š': 0x9a, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f };
  return Uint8Array.from([...text].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (special[ch] !== undefined) return special[ch]!;
    return code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : 0x3f;
  }));
}
