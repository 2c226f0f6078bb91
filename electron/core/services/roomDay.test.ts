import { describe, expect, it } from 'vitest';
import { writeSnapshot } from '../sync/writer';
import { openTestCache } from '../testing/openTestCache';
import { at, DAY, lesson, NEXT_DAY, sampleSnapshot, ZONE } from '../testing/sampleSchool';
import { useTempDirs } from '../testing/tempDir';
import { createRoomDay } from './roomDay';

const tempDir = useTempDirs();

function roomDay(lessons = sampleSnapshot().lessons) {
  const db = openTestCache(tempDir());
  writeSnapshot(db, sampleSnapshot({ lessons }), { scope: 'kiosk', source: 'test', now: at(DAY, '07:00') });
  return createRoomDay(db, () => ZONE);
}

describe("a door sign's day", () => {
  it("lists the room's lessons of the day, including one that moved away, and the next day it has lessons", () => {
    const a102 = roomDay()('A1.02', at(DAY, '08:00'));
    expect(a102.day).toBe(DAY);
    expect(a102.lessons.map((l) => l.id)).toEqual(['en-1B-p1', 'en-1B-p2', 'bi-1B-p3']);
    expect(a102.nextDay).toBeNull();
    const a101 = roomDay()('A1.01', at(DAY, '12:00'));
    expect(a101.nextDay).toBe(NEXT_DAY);
    expect(a101.nextDayLessons.map((l) => l.id)).toEqual(['ne-1A-next']);
  });

  it('skips a weekend: after Friday, the next day is Monday', () => {
    const friday = '2026-11-27';
    const monday = '2026-11-30';
    const day = roomDay([lesson('fri', friday, 3, 'A1.01'), lesson('mon', monday, 1, 'A1.01')])('A1.01', at(friday, '16:00'));
    expect(day.lessons.map((l) => l.id)).toEqual(['fri']);
    expect(day.nextDay).toBe(monday);
  });

  it('answers NOT_FOUND for a room that is not in the timetable', () => {
    expect(() => roomDay()('Z9.99', at(DAY, '08:00'))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
