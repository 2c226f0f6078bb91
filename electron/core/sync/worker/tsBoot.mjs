// Starts the TypeScript worker entry through tsx, for the web host and tests, which run from source.
// Electron's build compiles the entry instead and never uses this file.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.__entry, import.meta.url);
