import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, instantAt } from '@shared/timetable/zonedTime';
import { manualClock } from '../electron/core/clock';
import { openCache } from '../electron/core/db/open';
import { silentLogger } from '../electron/core/logger';
import { importPhotos } from '../electron/core/photos/importPhotos';
import { openRecords } from '../electron/core/records/openRecords';
import { buildZip } from '../electron/core/photos/testing/zipWriter';
import { demoPortraits, generateDemoSchool } from '../electron/core/demo';
import type { Snapshot } from '../electron/core/sync/snapshot';
import { writeSnapshot } from '../electron/core/sync/writer';
import { expectOk, setUpAdmin, staffWindow, totpCode } from '../electron/core/testing/staffSession';
import { startCore } from '../electron/core/testing/startedCore';
import { percentile } from './percentiles';
import type { Figure } from './report';
import { watchEventLoop } from './stallMonitor';

const ZONE = 'Europe/Amsterdam';
const OPENS = 3000;

/**
 * The photographer's ZIP (one PNG per pupil, as a photographer or the student information system delivers it) through
 * the real importer into a fresh cache in `dir`, with the host's event loop watched throughout: the staff window's
 * core runs in this process, so a long stall is a frozen search box while an administrator imports.
 */
export async function importEveryPortrait(dir: string, key: Buffer, school: Snapshot, now: number) {
  const { db } = openCache({ file: join(dir, 'cache.db'), key, log: silentLogger });
  try {
    writeSnapshot(db, school, { scope: 'staff', source: 'demo', now });
    const portraits = demoPortraits(school.pupils);
    const zipFile = join(dir, 'pasfotos.zip');
    writeFileSync(zipFile, buildZip(portraits.map((p) => ({ name: `pasfotos/${p.pupilNumber}.png`, data: Buffer.from(p.bytes), method: 'store' }))));
    const pupilNumbers = school.pupils.map((p) => p.number);
    const loop = watchEventLoop();
    const t0 = performance.now();
    const report = await importPhotos(db, { kind: 'zip', path: zipFile, pattern: '^(\\d+)\\.(?:jpe?g|png)$', pupilNumbers, onProgress: () => undefined });
    const importMs = performance.now() - t0;
    const stall = loop.stop();
    if (report.stored !== school.pupils.length) throw new Error(`the benchmark import stored ${report.stored} of ${school.pupils.length} photos: ${JSON.stringify(report.rejected.slice(0, 3))}`);
    const { bytes: storedBytes } = db.prepare('SELECT avg(length(bytes)) AS bytes FROM photos').get() as { bytes: number };
    return { importMs, stallMs: stall.maxStallMs, files: report.files, stored: report.stored, storedBytes };
  } finally {
    db.close();
  }
}

/**
 * Photos over the largest demo school: importing a photo for every pupil (the photographer's ZIP, through the real
 * importer: checked, re-encoded by sharp, stored encrypted), then a teacher opening photos through the real core,
 * as the staff window does: contract validation, session and role, the photo read, and the audit entry appended
 * with synchronous=FULL before the answer, all inside the time measured.
 */
export async function photoBench(): Promise<{ title: string; figures: Figure[] }> {
  const now = instantAt(addDays('2026-11-23', 1), '09:00', ZONE);
  const school = generateDemoSchool({ size: 'large', scope: 'staff', now, zone: ZONE });
  const dir = mkdtempSync(join(tmpdir(), 'gangbord-bench-'));
  try {
    const key = Buffer.alloc(32, 9);
    const imported = await importEveryPortrait(dir, key, school, now);

    // A teacher, signed in through the contract (the first administrator creates the account).
    const clock = manualClock(now);
    const { core } = await startCore(dir, { mode: 'staff', snapshot: null, key, clock, settings: { source: { type: 'demo', size: 'large' } } });
    try {
      const admin = await setUpAdmin(core, clock.now);
      await expectOk(core.dispatch(admin.caller, 'accounts.create', { username: 'jansen', displayName: 'M. Jansen', role: 'teacher', password: 'lang genoeg wachtwoord', teacherCode: null }));
      const teacher = staffWindow();
      await expectOk(core.dispatch(teacher, 'auth.signIn', { username: 'jansen', password: 'lang genoeg wachtwoord' }));
      // Photos need a second factor in the session: the teacher sets up an authenticator, as My account does.
      const { secret } = await expectOk<{ secret: string }>(core.dispatch(teacher, 'auth.enrollTotp', {}));
      await expectOk(core.dispatch(teacher, 'auth.verifyTotp', { code: totpCode(secret, clock.now()) }));

      const shown = school.pupils.filter((p) => p.photoConsent).map((p) => p.number);
      // Spread over the school, not the same few rows again and again.
      const order = Array.from({ length: OPENS + 100 }, (_, i) => shown[(i * 7919) % shown.length]!);
      const open = async (number: string) => {
        const result = await core.dispatch(teacher, 'pupils.photo', { number });
        if (!result.ok) throw new Error(`opening a photo failed: ${result.error.code} ${result.error.message}`);
      };
      for (const number of order.slice(0, 100)) await open(number);
      const durations: number[] = [];
      for (const number of order.slice(100)) {
        const t = process.hrtime.bigint();
        await open(number);
        durations.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      durations.sort((a, b) => a - b);
      // Every open left its entry in the durable audit log.
      const records = openRecords(dir, key, silentLogger);
      const audited = records.prepare("SELECT count(*) FROM audit WHERE action = 'pupil.photo'").pluck().get() as number;
      records.close();
      if (audited !== order.length) throw new Error(`expected ${order.length} audit entries for photos opened, found ${audited}`);

      return {
        title: `Photos of the largest demo school (${school.pupils.length} pupils, ${shown.length} with consent to show their photo)`,
        figures: [
          { name: `importing a ZIP of ${imported.files} PNG portraits (check, re-encode, store)`, value: imported.importMs, unit: 'ms' },
          { name: '  import throughput', value: (imported.stored / imported.importMs) * 1000, unit: 'photos/s' },
          { name: '  longest event-loop stall of the host during the import', value: imported.stallMs, unit: 'ms', target: { op: '<', limit: 50 } },
          { name: '  average stored photo (re-encoded JPEG)', value: imported.storedBytes / 1024, unit: 'KB' },
          { name: `opening a photo as a signed-in teacher (core, audited), p50 over ${OPENS}`, value: percentile(durations, 50), unit: 'ms' },
          { name: `opening a photo as a signed-in teacher (core, audited), p99 over ${OPENS}`, value: percentile(durations, 99), unit: 'ms', target: { op: '<', limit: 15 } },
          { name: '  the slowest open', value: durations.at(-1)!, unit: 'ms' },
        ],
      };
    } finally {
      await core.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
