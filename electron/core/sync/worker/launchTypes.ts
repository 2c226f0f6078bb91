/**
 * How a host starts the sync worker. Electron's build has it as a compiled entry (`out/main/syncWorker.js`);
 * the web host and tests run from TypeScript source through tsx.
 */
export type WorkerScript = { kind: 'js'; file: string } | { kind: 'ts'; entry: string };
