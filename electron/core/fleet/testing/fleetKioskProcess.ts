import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shiftedClock } from '../../clock';
import { openCache } from '../../db/open';
import { memoryLogger } from '../../logger';
import { startCore } from '../../testing/startedCore';

/*
 * One kiosk core in a process of its own, for the fleet test (fleet.integration.test.ts): it shares nothing with
 * the publisher or the other screens but the fleet folder. It syncs from the folder every second and answers the
 * parent's questions with what its kiosk board shows, and, at the end, with what its data folder and cache hold.
 */

/** Everything this screen keeps, as text: every row of every table of its (decrypted) cache, its files and its log. */
function everythingKept(dataDir: string): string {
  const { db } = openCache({ file: join(dataDir, 'cache.db'), key: started.key, log: memoryLogger() });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  const rows = tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).all()));
  db.close();
  const files = readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile()).map((f) => readFileSync(join(f.parentPath, f.name), 'latin1'));
  return [...rows, ...files, JSON.stringify(started.log.lines)].join('\n');
}

const { FLEET_FOLDER, FLEET_SCHOOL, FLEET_KEY, FLEET_DATA, FLEET_NOW, FLEET_MQTT_URL } = process.env;
// Over a broker too when the test gives one (keepalive 2 s, so a killed screen is said offline within 3 s).
const mqtt = FLEET_MQTT_URL ? { mqtt: { url: FLEET_MQTT_URL, prefix: 'gangbord', embedded: false, keepaliveSeconds: 2 } } : {};
const started = await startCore(FLEET_DATA!, {
  snapshot: null,
  autoSync: true,
  clock: shiftedClock(Number(FLEET_NOW), 1),
  settings: {
    source: { type: 'fleet', folder: FLEET_FOLDER!, school: FLEET_SCHOOL!, publisherKey: FLEET_KEY!, ...mqtt },
    sync: { schedule: '* * * * * *', jitterSeconds: 0 },
  },
});

process.on('message', async (message: { type: string; at?: number; words?: string[] }) => {
  if (message.type === 'board') {
    const result = await started.core.dispatch({ role: 'kiosk' }, 'kiosk.nowNext', { at: message.at });
    process.send!({ type: 'board', board: result.ok ? result.value : null });
  }
  if (message.type === 'scan') {
    await started.core.stop();
    const kept = everythingKept(FLEET_DATA!);
    process.send!({ type: 'scan', found: (message.words ?? []).filter((w) => kept.includes(w)) }, () => process.exit(0));
  }
  if (message.type === 'stop') {
    await started.core.stop();
    process.exit(0);
  }
});
process.send!({ type: 'ready' });
