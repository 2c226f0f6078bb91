import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crashBench } from './crashBench';
import { fleetBench } from './fleetBench';
import { fleetMqttBench } from './fleetMqttBench';
import { incrementalBench } from './incrementalBench';
import { kioskSoak } from './kioskSoak';
import { photoBench } from './photoBench';
import { printFigures } from './report';
import { staffBundleBench } from './staffBundleBench';
import { staffBusyBench } from './staffBusyBench';
import { staffSearchBench } from './staffSearchBench';
import { syncBench } from './syncBench';

// `npm run bench`: every figure comes from this one run on this machine; targets are printed beside them.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (!existsSync(join(root, 'out', 'main', 'syncWorker.js'))) {
  console.log('Building first (npm run build) ...');
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(1);
}

const sections = {
  sync: syncBench,
  photos: photoBench,
  search: staffSearchBench,
  'staff-busy': staffBusyBench,
  incremental: incrementalBench,
  kiosk: kioskSoak,
  crash: crashBench,
  fleet: fleetBench,
  'staff-bundle': staffBundleBench,
  'fleet-mqtt': fleetMqttBench,
};
// `npm run bench -- kiosk search` runs only those sections; no names runs them all.
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !Object.hasOwn(sections, name));
if (unknown.length) {
  console.error(`unknown bench section ${unknown.join(', ')}; the sections are ${Object.keys(sections).join(', ')}`);
  process.exit(2);
}
let allMet = true;
for (const [name, section] of Object.entries(sections)) {
  if (chosen.length && !chosen.includes(name)) continue;
  const { title, figures } = await section(root);
  allMet = printFigures(title, figures) && allMet;
}
console.log(`\n${allMet ? 'All targets met.' : 'Some targets were MISSED (see above).'}`);
