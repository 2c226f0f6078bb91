import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../audit/auditLog';
import { memoryLogger } from '../logger';
import { openRecords } from '../records/openRecords';
import { writeSnapshot } from '../sync/writer';
import { openTestCache } from '../testing/openTestCache';
import { newKey, PUPIL, sampleSnapshot } from '../testing/sampleSchool';
import { useTempDirs } from '../testing/tempDir';
import { erasureHash } from '../db/erasureHash';
import { createPrivacy } from './privacy';
import { createPupils } from './pupils';

const tempDir = useTempDirs();
const now = () => 1_800_000_000_000;

function setUp() {
  const dir = tempDir();
  const cache = openTestCache(dir);
  const records = openRecords(dir, newKey(), memoryLogger());
  writeSnapshot(cache, sampleSnapshot(), { scope: 'staff', source: 'test', now: now() });
  cache.prepare("INSERT INTO photos (pupil_number, mime, width, height, bytes) VALUES (?, 'image/jpeg', 1, 1, x'ffd8ff')").run(PUPIL.number);
  const audit = createAuditLog(records, now);
  const log = memoryLogger();
  return { cache, records, audit, log, privacy: createPrivacy(cache, records, createPupils(cache), audit, now, log) };
}

describe('erasing a pupil', () => {
  it('removes her rows and photo, remembers only the hash, and audits it, all before the file is compacted', () => {
    const { cache, records, audit, privacy } = setUp();
    expect(privacy.erase(PUPIL.number, 'beheer')).toEqual({ erased: true, reclaimed: true });
    expect(cache.prepare('SELECT count(*) FROM pupils WHERE number = ?').pluck().get(PUPIL.number)).toBe(0);
    expect(cache.prepare('SELECT count(*) FROM photos').pluck().get()).toBe(0);
    expect(records.prepare('SELECT number_hash FROM erased_pupils').pluck().all()).toEqual([erasureHash(PUPIL.number)]);
    expect(audit.query({ pupil: PUPIL.number }, 10).entries).toEqual([expect.objectContaining({ actor: 'beheer', action: 'privacy.erase' })]);
  });

  it('is erased and audited even when the file cannot be compacted at that moment', () => {
    const { cache, audit, log, privacy } = setUp();
    // Inside a transaction VACUUM refuses to run, as it does when the connection is busy otherwise.
    expect(cache.transaction(() => privacy.erase(PUPIL.number, 'beheer'))()).toEqual({ erased: true, reclaimed: false });
    expect(cache.prepare('SELECT count(*) FROM pupils WHERE number = ?').pluck().get(PUPIL.number)).toBe(0);
    expect(audit.query({ pupil: PUPIL.number }, 10).entries).toHaveLength(1);
    expect(log.lines.map((l) => l.event)).toContain('privacy.reclaim-failed');
  });
});
