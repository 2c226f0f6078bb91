import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The folder boundaries (build/eslint/boundaries.js) through the project's own ESLint configuration, on the imports
// a change could add: each line is linted as if it were in the file named.
const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function problems(file: string, line: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${line}\nexport const used = x;\n`, { filePath: join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'gangbord/boundaries').map((m) => m.message);
}

describe('npm run lint keeps the folders apart', () => {
  it('fails on a connector that imports another connector, and not on what a connector may import', async () => {
    expect(await problems('electron/core/sources/webuntis/lessons.ts', "import { x } from '../zermelo/lessons';")).toEqual([
      expect.stringContaining('a connector imports only its own folder'),
    ]);
    expect(await problems('electron/core/sources/untisGpu/decodeText.ts', "import { x } from '../../sources/ical/occurrences';")).toHaveLength(1);
    expect(await problems('electron/core/sources/ical/toSnapshot.ts', "import { x } from '../../staff/pupils';")).toHaveLength(1);
    for (const allowed of ["import { x } from './lessons';", "import { x } from '../common/codes';", "import { x } from '../source';", "import { x } from '../../../../shared/domain';"]) {
      expect(await problems('electron/core/sources/webuntis/normalise.ts', allowed)).toEqual([]);
    }
  });

  it('fails on production code that imports a testing/ folder, and lets tests and test helpers do it', async () => {
    expect(await problems('electron/core/sources/zermelo/fetch.ts', "import { x } from './testing/zermeloServer';")).toEqual([
      expect.stringContaining('production code imports no test helpers'),
    ]);
    expect(await problems('electron/core/app.ts', "import { x } from './testing/startedCore';")).toHaveLength(1);
    expect(await problems('electron/core/sources/zermelo/zermelo.faults.test.ts', "import { x } from './testing/zermeloServer';")).toEqual([]);
    expect(await problems('electron/core/sources/zermelo/testing/zermeloServer.ts', "import { x } from '../../testing/connectorChecks';")).toEqual([]);
  });

  it('fails on sync/ importing staff/', async () => {
    expect(await problems('electron/core/sync/writer.ts', "import { x } from '../staff/privacy';")).toEqual([
      expect.stringContaining('sync/ does not import staff/'),
    ]);
    expect(await problems('electron/core/sync/engine.ts', "import { x } from '../sources';")).toEqual([]);
  });
});
