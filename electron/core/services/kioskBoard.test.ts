import { describe, expect, it } from 'vitest';
import { writeSnapshot } from '../sync/writer';
import { openTestCache } from '../testing/openTestCache';
import { at, DAY, NEXT_DAY, sampleSnapshot, ZONE } from '../testing/sampleSchool';
import { useTempDirs } from '../testing/tempDir';
import { createKioskBoard } from './kioskBoard';

const tempDir = useTempDirs();

function board() {
  const db = openTestCache(tempDir());
  writeSnapshot(db, sampleSnapshot(), { scope: 'kiosk', source: 'test', now: at(DAY, '07:00') });
  return createKioskBoard(db, () => ZONE);
}

const ids = (b: ReturnType<ReturnType<typeof board>['nowNext']>) =>
  Object.fromEntries(b.rooms.map((r) => [r.room.code, [r.now?.id ?? null, r.next?.id ?? null]]));

describe('the kiosk now/next board', () => {
  it('shows the running and the next lesson per room', () => {
    const result = board().nowNext(at(DAY, '08:45'));
    expect(ids(result)).toEqual({
      'A1.01': ['ne-1A-p1', 'wi-1A-p2'],
      'A1.02': ['en-1B-p1', 'en-1B-p2'], // cancelled, still shown (struck through) as nothing else runs
      'B0.10': [null, 'bi-1B-p3'],
    });
    expect(result.rooms.find((r) => r.room.code === 'A1.02')!.now!.change.cancelled).toBe(true);
    expect(result.day).toBe(DAY);
    expect(result.changesAt).toBe(at(DAY, '09:20'));
  });

  it('flips exactly at the boundary: the last millisecond is still the old lesson', () => {
    const b = board();
    expect(ids(b.nowNext(at(DAY, '09:20') - 1))['A1.01']).toEqual(['ne-1A-p1', 'wi-1A-p2']);
    expect(ids(b.nowNext(at(DAY, '09:20')))['A1.01']).toEqual(['wi-1A-p2', 'ne-1A-p3']);
  });

  it('tells the old room where a moved lesson went, and shows it in the new room', () => {
    const result = ids(board().nowNext(at(DAY, '10:45')));
    expect(result['B0.10']).toEqual(['bi-1B-p3', null]);
    expect(result['A1.02']).toEqual(['bi-1B-p3', null]);
  });

  it('after the last lesson of the day, "next" is the next school day', () => {
    const result = board().nowNext(at(DAY, '12:00'));
    expect(ids(result)['A1.01']).toEqual([null, 'ne-1A-next']);
    expect(result.rooms.find((r) => r.room.code === 'A1.01')!.next!.day).toBe(NEXT_DAY);
  });

  it('answers for the rooms asked for only', () => {
    expect(board().nowNext(at(DAY, '08:45'), ['B0.10', 'nope']).rooms.map((r) => r.room.code)).toEqual(['B0.10']);
  });
});
