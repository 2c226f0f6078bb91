import { parentPort, workerData } from 'node:worker_threads';
import type { Logger } from '../../logger';
import { runJob } from '../runJob';
import type { ParentMessage, SyncJob, WorkerMessage } from './protocol';

// The sync worker thread: one job per thread, then it exits.
const port = parentPort;
if (!port) throw new Error('the sync worker must run in a worker thread');

const post = (message: WorkerMessage) => port.postMessage(message);
const abort = new AbortController();
port.on('message', (message: ParentMessage) => {
  if (message.type === 'abort') abort.abort();
});

const log: Logger = {
  info: (event, fields) => post({ type: 'log', level: 'info', event, fields }),
  warn: (event, fields) => post({ type: 'log', level: 'warn', event, fields }),
  error: (event, fields) => post({ type: 'log', level: 'error', event, fields: { ...fields, error: String(fields?.error ?? '') } }),
};

const job = workerData as SyncJob;
const outcome = await runJob(job, {
  log,
  signal: abort.signal,
  progress: (phase, done, total) => post({ type: 'progress', phase, done, total }),
});
job.key.fill(0);
post({ type: 'outcome', outcome });
port.close();
