import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCache } from '../db/open';
import { memoryLogger } from '../logger';
import { openRecords } from '../records/openRecords';
import { createAuditLog } from '../audit/auditLog';
import { writeCrashLoopSnapshots } from './snapshots';

const VICTIM = fileURLToPath(new URL('./victim.ts', import.meta.url));

export interface CrashLoopReport {
  runs: number;
  /** Kills after which `PRAGMA integrity_check` was not ok, or the data was neither version whole. */
  integrityFailures: string[];
  /** Audit entries acknowledged to the writer and missing after the kill. */
  lostAcknowledged: number;
  /** Opening and checking the file after each kill, in ms. */
  recoveryMs: number[];
  /** The cache's key, for opening the folder afterwards as the app would. */
  key: Buffer;
}

/** A deterministic stream of kill delays (ms), so a failure can be run again as it was. */
function delays(seed: number, maxMs: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % maxMs;
  };
}

function startVictim(args: string[]): { child: ChildProcess; lines: string[]; first: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', VICTIM, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buffered = '';
  let stderr = '';
  const first = new Promise<void>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      if (parts.length) {
        lines.push(...parts);
        resolve();
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('exit', () => reject(new Error(`the writer ended before its first commit: ${stderr.slice(-500)}`)));
  });
  return { child, lines, first };
}

async function killAfter(victim: ReturnType<typeof startVictim>, ms: number): Promise<void> {
  await victim.first;
  await new Promise((r) => setTimeout(r, ms));
  const exited = new Promise((r) => victim.child.once('exit', r));
  victim.child.kill('SIGKILL');
  await exited;
}

/**
 * Kills a process writing whole timetables into the cache with SIGKILL at random moments, `runs` times, and after
 * each kill opens the cache as the kiosk would: it must pass SQLite's integrity check and hold one timetable whole
 * (the older or the newer, never a mix). Then the same for the audit log: every entry the writer was told was
 * written must still be there, and the chain must check out. docs/trust-proofs.md.
 */
export async function crashLoop(o: { dir: string; runs: number; seed?: number; maxDelayMs?: number }): Promise<CrashLoopReport> {
  const key = randomBytes(32);
  const snapshotFile = join(o.dir, 'snapshots.json');
  const expected = new Map(writeCrashLoopSnapshots(snapshotFile).map(({ tag, snapshot }) => [`Crash ${tag}`, snapshot.lessons.length]));
  const next = delays(o.seed ?? 20261203, o.maxDelayMs ?? 120);
  const report: CrashLoopReport = { runs: 0, integrityFailures: [], lostAcknowledged: 0, recoveryMs: [], key };
  const cacheRuns = Math.ceil(o.runs / 2);

  for (let run = 0; run < o.runs; run++) {
    const cache = run < cacheRuns;
    const victim = startVictim(cache ? ['cache', o.dir, key.toString('hex'), snapshotFile] : ['audit', o.dir, key.toString('hex')]);
    await killAfter(victim, next());
    const started = performance.now();
    if (cache) {
      const { db } = openCache({ file: join(o.dir, 'cache.db'), key, log: memoryLogger() });
      const integrity = db.prepare('PRAGMA integrity_check').pluck().get();
      const name = db.prepare("SELECT value FROM meta WHERE key = 'school_name'").pluck().get() as string | undefined;
      const lessons = db.prepare('SELECT count(*) FROM lessons').pluck().get() as number;
      db.close();
      if (integrity !== 'ok') report.integrityFailures.push(`run ${run}: integrity_check said ${String(integrity)}`);
      else if (!name || expected.get(name) !== lessons) report.integrityFailures.push(`run ${run}: "${name}" with ${lessons} lessons is neither timetable whole`);
    } else {
      const acked = victim.lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4)));
      const records = openRecords(o.dir, key, memoryLogger());
      const integrity = records.prepare('PRAGMA integrity_check').pluck().get();
      const last = (records.prepare('SELECT max(id) FROM audit').pluck().get() as number | null) ?? 0;
      const chain = await createAuditLog(records, Date.now).verify();
      records.close();
      if (integrity !== 'ok' || !chain.ok) report.integrityFailures.push(`run ${run}: records integrity ${String(integrity)}, chain ${chain.ok ? 'ok' : `broken at ${chain.brokenAt}`}`);
      report.lostAcknowledged += Math.max(0, (acked.at(-1) ?? 0) - last);
    }
    report.recoveryMs.push(performance.now() - started);
    report.runs += 1;
  }
  return report;
}
