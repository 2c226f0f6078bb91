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

/** The connector's folder: its fixtures are beside this testing/ folder. */
const here = fileURLToPath(new URL('..', import.meta.url));

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

export { windows1252 } from '../../testing/windows1252';
