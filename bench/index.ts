import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { incrementalBench } from './incrementalBench';
import { kioskSoak } from './kioskSoak';
import { photoBench } from './photoBench';
import { printFigures } from './report';
import { staffSearchBench } from './staffSearchBench';
import { syncBench } from './syncBench';

// `npm run bench`: every figure comes from this one run on this machine; targets are printed beside them.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (!existsSync(join(root, 'out', 'main', 'syncWorker.js'))) {
  console.log('Building first (npm run build) ...');
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(1);
}

const sections = [syncBench, photoBench, staffSearchBench, incrementalBench, kioskSoak];
let allMet = true;
for (const section of sections) {
  const { title, figures } = await section(root);
  allMet = printFigures(title, figures) && allMet;
}
console.log(`\n${allMet ? 'All targets met.' : 'Some targets were MISSED (see above).'}`);
