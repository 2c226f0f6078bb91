import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { NowNextBoard, SyncStatus } from '@shared/contract';
import { instantAt } from '@shared/timetable/zonedTime';
import { manualClock } from '../clock';
import { fillUp, smallFileSystem } from '../testing/smallFileSystem';
import { expectOk, setUpAdmin } from '../testing/staffSession';
import { startCore } from '../testing/startedCore';

// A full disk, for real: the data folder on a small tmpfs (or GANGBORD_SMALL_FS), filled to the last byte.
const small = smallFileSystem();
const reason = small.dir === null ? small.reason : '';
const releases: (() => void)[] = [];
afterEach(() => {
  for (const release of releases.splice(0)) release();
});

function dataDir(): string {
  const fs = smallFileSystem();
  if (fs.dir === null) throw new Error(fs.reason);
  releases.push(fs.release);
  return fs.dir;
}
if (small.dir !== null) small.release();

const NOW = instantAt('2026-11-24', '09:00', 'Europe/Amsterdam');

describe.skipIf(small.dir === null)(`a full disk${reason ? ` (skipped: ${reason})` : ''}`, () => {
  it('a sync that cannot write keeps the last good timetable on screen and says why', async () => {
    const dir = dataDir();
    const clock = manualClock(NOW);
    const first = await startCore(dir, { snapshot: null, clock, settings: { source: { type: 'demo', size: 'small' } } });
    expect((await first.core.syncNow()).state).toBe('idle');
    await first.core.stop();
    // The school grows (a larger timetable to write) just as the disk fills up.
    const { core } = await startCore(dir, { snapshot: null, clock, key: first.key, settings: { source: { type: 'demo', size: 'large' } } });
    const before = (await expectOk<NowNextBoard>(core.dispatch({ role: 'kiosk' }, 'kiosk.nowNext', {})));
    const filler = fillUp(dir);

    clock.advance(10 * 60_000);
    const status: SyncStatus = await core.syncNow();
    expect(status.state).not.toBe('idle');
    expect(status.lastError?.message).toMatch(/full|space|disk/i);
    const after = await expectOk<NowNextBoard>(core.dispatch({ role: 'kiosk' }, 'kiosk.nowNext', {}));
    expect(after.rooms.length).toBe(before.rooms.length);
    expect(after.dataAsOf).toBe(before.dataAsOf);

    // Room again: the next sync goes through.
    rmSync(filler);
    clock.advance(10 * 60_000);
    expect((await core.syncNow()).state).toBe('idle');
    await core.stop();
  }, 120_000);

  it('a look at a pupil that cannot be audited is refused, not answered unrecorded', async () => {
    const dir = dataDir();
    const clock = manualClock(NOW);
    const { core } = await startCore(dir, { mode: 'staff', snapshot: null, clock, settings: { source: { type: 'demo', size: 'small' } } });
    expect((await core.syncNow()).state).toBe('idle');
    const admin = await setUpAdmin(core, clock.now);
    const { hits } = await expectOk<{ hits: { kind: string; code: string }[] }>(core.dispatch(admin.caller, 'search.query', { text: 'berg', limit: 5 }));
    const number = hits.find((h) => h.kind === 'pupil')!.code;
    fillUp(dir);

    const answer = await core.dispatch(admin.caller, 'pupils.card', { number });
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/disk of this PC is full/) } });
    expect(JSON.stringify(answer)).not.toContain('"firstName"');
    await core.stop();
  }, 120_000);
});
