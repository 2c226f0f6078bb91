/**
 * The process the crash loop kills (crashLoop.ts): writes whole timetables into the cache, or entries into the audit
 * log, as fast as it can, and says on stdout after each commit what it committed. Run with tsx; never imported.
 *   victim.ts cache DIR KEYHEX SNAPSHOTS   alternates the two snapshots in that file ("A" and "B") for ever
 *   victim.ts audit DIR KEYHEX   appends audit entries for ever, printing "ack <id>" once each is acknowledged
 */
import { join } from 'node:path';
import { createAuditLog } from '../audit/auditLog';
import { openCache } from '../db/open';
import { memoryLogger } from '../logger';
import { openRecords } from '../records/openRecords';
import { writeSnapshot } from '../sync/writer';
import { readCrashLoopSnapshots } from './snapshots';

const [what, dir, keyHex, snapshotFile] = process.argv.slice(2);
const key = Buffer.from(keyHex!, 'hex');
const log = memoryLogger();

if (what === 'cache') {
  const { db } = openCache({ file: join(dir!, 'cache.db'), key, log });
  const snapshots = readCrashLoopSnapshots(snapshotFile!);
  for (let n = 0; ; n++) {
    const { tag, snapshot } = snapshots[n % 2]!;
    writeSnapshot(db, snapshot, { scope: 'kiosk', source: 'demo', now: Date.now() });
    process.stdout.write(`committed ${tag}\n`);
  }
} else if (what === 'audit') {
  const records = openRecords(dir!, key, log);
  const audit = createAuditLog(records, Date.now);
  for (;;) {
    const entry = audit.append('crashloop', 'pupil.card', '123456', 'a look, then a kill');
    process.stdout.write(`ack ${entry.id}\n`);
  }
}
