import { dirname, relative, resolve, sep } from 'node:path';

/*
 * Gangbord's layering, as one ESLint rule (docs/architecture.md §3): which folder may import which. Resolved paths,
 * not specifier patterns, so `../zermelo/codes` and `../../sources/zermelo/codes` are the same import.
 *
 *  - a connector (electron/core/sources/<name>/) imports its own folder, sources/common/, the port
 *    (sources/source.ts) and shared/ (the RE2 pattern compiler is there); its tests may also use the core's test
 *    helpers. The fleet and demo connectors are adapters to electron/core/fleet/ and electron/core/demo/.
 *  - sources/common/ imports only itself, the port and shared/.
 *  - production code imports no test helpers (a testing/ folder or testing.ts): only tests, benches and testing/ do.
 *  - sync/'s production code (the engine, worker and writer) does not import staff/.
 */

const root = resolve(import.meta.dirname, '..', '..');
const posix = (path) => path.split(sep).join('/');
const SOURCES = 'electron/core/sources/';

const isTestCode = (file) =>
  /\.(test|spec)\.ts$/.test(file) || file.startsWith('tests/') || file.startsWith('bench/') || file.split('/').includes('testing');
const isTestHelper = (target) => target.split('/').includes('testing') || /(^|\/)testing(\.ts)?$/.test(target);

function problem(file, target) {
  if (!isTestCode(file) && isTestHelper(target)) return 'production code imports no test helpers (testing/): move what it needs out of testing/';
  if (!isTestCode(file) && file.startsWith('electron/core/sync/') && target.startsWith('electron/core/staff/')) return 'sync/ does not import staff/: pass what it needs in';
  if (!file.startsWith(SOURCES)) return null;
  const folder = file.slice(SOURCES.length).split('/');
  if (folder.length < 2) return null; // the registry, the port and the connection check sit above the connectors
  const [name] = folder;
  const port = target === `${SOURCES}source` || target === `${SOURCES}source.ts`;
  const own = target === `${SOURCES}${name}` || target.startsWith(`${SOURCES}${name}/`);
  const allowed = own || target.startsWith(`${SOURCES}common/`) || port || target.startsWith('shared/')
    // The two adapters: the fleet connector to the fleet, the demo connector to the demo school.
    || (name === 'fleet' && target.startsWith('electron/core/fleet/')) || (name === 'demo' && target.startsWith('electron/core/demo/'))
    || (isTestCode(file) && (target.startsWith(`${SOURCES}testing/`) || !target.startsWith(SOURCES)));
  if (allowed) return null;
  return name === 'common'
    ? 'sources/common/ imports only itself, the port (sources/source.ts) and shared/'
    : `a connector imports only its own folder, sources/common/, the port (sources/source.ts) and shared/ (${name} imports ${target})`;
}

const rule = {
  meta: { type: 'problem', docs: { description: "Gangbord's folder boundaries" }, schema: [] },
  create(context) {
    const file = posix(relative(root, context.filename));
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = posix(relative(root, resolve(dirname(context.filename), spec)));
      const message = problem(file, target);
      if (message) context.report({ node, message });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { boundaries: rule } };
