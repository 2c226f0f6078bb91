import { parentPort, workerData } from 'node:worker_threads';
import { CacheError } from '../../db/errors';
import { type CacheDb, openCache } from '../../db/open';
import type { Logger } from '../../logger';
import { fillDemoPortraits } from '../demoPortraits';
import { runJob } from '../runJob';
import { checkpointAfterSync, tuneSyncConnection } from './syncConnection';
import { testSource } from '../../sources/connectionCheck';
import type { ParentMessage, WorkerMessage, WorkerSetup } from './protocol';

// The sync worker thread. It lives as long as the core, keeps one connection to the cache, and runs one sync at
// a time, so a sync pays neither a thread start nor a key derivation.
const port = parentPort;
if (!port) throw new Error('the sync worker must run in a worker thread');
const setup = workerData as WorkerSetup;

const post = (message: WorkerMessage) => port.postMessage(message);
const log: Logger = {
  info: (event, fields) => post({ type: 'log', level: 'info', event, fields }),
  warn: (event, fields) => post({ type: 'log', level: 'warn', event, fields }),
  error: (event, fields) => post({ type: 'log', level: 'error', event, fields: { ...fields, error: String(fields?.error ?? '') } }),
};

let db: CacheDb | null = null;
let current: { id: number; abort: AbortController } | null = null;
let closing = false;

/**
 * The thread ends by itself, its connection closed between statements. Terminated from outside in the middle of a
 * statement (a WAL checkpoint on a full disk, say), the SQLite binding can abort the whole process.
 */
function finish(): void {
  try {
    db?.close();
  } catch (error) {
    log.error('sync.worker-close-failed', { error });
  }
  db = null;
  port!.close();
}

function openDb(): CacheDb {
  if (db) return db;
  const key = Buffer.from(setup.key);
  try {
    db = openCache({ file: setup.dbFile, key, nativeBinding: setup.nativeBinding, log }).db;
  } finally {
    key.fill(0);
  }
  tuneSyncConnection(db);
  setup.key.fill(0);
  return db;
}

port.on('message', (message: ParentMessage) => {
  if (message.type === 'open') {
    const t0 = performance.now();
    try {
      openDb();
      post({ type: 'opened', ok: true, openMs: performance.now() - t0 });
    } catch (error) {
      post({ type: 'opened', ok: false, code: error instanceof CacheError ? 'CACHE' : 'INTERNAL', message: (error as Error).message });
    }
  } else if (message.type === 'close') {
    closing = true;
    if (current) current.abort.abort();
    else finish();
  } else if (message.type === 'abort') {
    if (current?.id === message.id) current.abort.abort();
  } else if (message.type === 'test') {
    const { id } = message;
    void testSource(message.job, new AbortController().signal).then((result) => post({ type: 'tested', id, result }));
  } else if (message.type === 'run') {
    const { id } = message;
    current = { id, abort: new AbortController() };
    void runJob(openDb, message.job, {
      log,
      signal: current.abort.signal,
      progress: (phase, done, total) => post({ type: 'progress', id, phase, done, total }),
    }).then((outcome) => {
      current = null;
      post({ type: 'outcome', id, outcome });
      // After the outcome is out: work the sync's result does not wait for.
      const job = message.job;
      try {
        if (outcome.ok && job.scope === 'staff' && (job.source === null || job.source.type === 'demo')) {
          const made = fillDemoPortraits(openDb());
          if (made > 0) log.info('demo.portraits', { made });
        }
        if (outcome.ok && !closing) checkpointAfterSync(openDb());
      } catch (error) {
        log.error('sync.after-work-failed', { error });
      }
      if (closing) finish();
    });
  }
});
