import { describe, expect, it } from 'vitest';
import { openTestCache } from '../testing/openTestCache';
import { DAY, lesson, sampleSnapshot } from '../testing/sampleSchool';
import { useTempDirs } from '../testing/tempDir';
import { writeDelta, writeSnapshot } from './writer';

const tempDir = useTempDirs();
const count = (db: ReturnType<typeof openTestCache>, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const ctx = (scope: 'kiosk' | 'staff') => ({ scope, source: 'test', now: 1_700_000_000_000 });

describe('writing a snapshot', () => {
  it('stores everything in staff scope', () => {
    const db = openTestCache(tempDir());
    const summary = writeSnapshot(db, sampleSnapshot(), ctx('staff'));
    expect(summary).toMatchObject({ lessons: 7, rooms: 3, pupils: 2 });
    expect(count(db, 'pupils')).toBe(2);
    expect(db.prepare("SELECT last_name FROM teachers WHERE code = 'BKR'").get()).toEqual({ last_name: 'Bakker' });
    // A moved lesson is listed in its new room and, marked as gone, in its old one.
    expect(db.prepare("SELECT room_code, here FROM lesson_rooms lr JOIN lessons l ON l.rowid = lr.lesson_rowid WHERE l.id = 'bi-1B-p3' ORDER BY here").all())
      .toEqual([{ room_code: 'A1.02', here: 0 }, { room_code: 'B0.10', here: 1 }]);
  });

  it('in kiosk scope keeps no pupils and no teacher names, whatever the source sent', () => {
    const db = openTestCache(tempDir());
    writeSnapshot(db, sampleSnapshot(), ctx('staff'));
    writeSnapshot(db, sampleSnapshot(), ctx('kiosk'));
    expect(count(db, 'pupils')).toBe(0);
    expect(count(db, 'group_members')).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM teachers WHERE first_name IS NOT NULL OR last_name IS NOT NULL').get()).toEqual({ n: 0 });
    expect(count(db, 'teachers')).toBe(3);
  });

  it('replaces the lessons inside its window and keeps those outside', () => {
    const db = openTestCache(tempDir());
    writeSnapshot(db, sampleSnapshot({ lessons: [lesson('later', '2026-12-01', 1, 'A1.01')], window: { from: '2026-11-30', to: '2026-12-04' } }), ctx('kiosk'));
    writeSnapshot(db, sampleSnapshot(), ctx('kiosk'));
    writeSnapshot(db, sampleSnapshot({ lessons: [lesson('only', DAY, 1, 'A1.01')] }), ctx('kiosk'));
    expect((db.prepare('SELECT id FROM lessons ORDER BY id').all() as { id: string }[]).map((r) => r.id)).toEqual(['later', 'only']);
    expect(count(db, 'lesson_rooms')).toBe(2);
  });

  it('is all or nothing: a failure half-way leaves the previous data', () => {
    const db = openTestCache(tempDir());
    writeSnapshot(db, sampleSnapshot(), ctx('staff'));
    const before = db.prepare('SELECT id, start_ms FROM lessons ORDER BY id').all();
    const broken = sampleSnapshot({ lessons: [lesson('a', DAY, 1, 'A1.01'), lesson('a', DAY, 2, 'A1.01')] }); // duplicate id
    expect(() => writeSnapshot(db, broken, ctx('staff'))).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT id, start_ms FROM lessons ORDER BY id').all()).toEqual(before);
    expect(count(db, 'rooms')).toBe(3);
  });
});

describe('writing a delta', () => {
  it('updates, adds and removes single lessons, moving their room entries along', () => {
    const db = openTestCache(tempDir());
    writeSnapshot(db, sampleSnapshot(), ctx('kiosk'));
    const moved = lesson('ne-1A-p1', DAY, 1, 'B0.10', { change: { previousRooms: ['A1.01'] } });
    const summary = writeDelta(db, { kind: 'delta', upsertLessons: [moved, lesson('new', DAY, 3, 'A1.02')], removeLessonIds: ['wi-1A-p2', 'unknown'], cursor: 'c2' }, ctx('kiosk'));
    expect(summary).toMatchObject({ lessons: 2, removedLessons: 1 });
    expect(count(db, 'lessons')).toBe(7);
    expect(db.prepare("SELECT room_code, here FROM lesson_rooms lr JOIN lessons l ON l.rowid = lr.lesson_rowid WHERE l.id = 'ne-1A-p1' ORDER BY room_code").all())
      .toEqual([{ room_code: 'A1.01', here: 0 }, { room_code: 'B0.10', here: 1 }]);
    expect(db.prepare('SELECT count(*) AS n FROM lesson_rooms WHERE lesson_rowid NOT IN (SELECT rowid FROM lessons)').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT cursor FROM sync_state WHERE source = 'test'").get()).toEqual({ cursor: 'c2' });
  });
});

describe('a delta that moves a lesson to another day', () => {
  it('updates its day and its room entries, keeping one row', () => {
    const db = openTestCache(tempDir());
    writeSnapshot(db, sampleSnapshot(), ctx('kiosk'));
    const moved = lesson('wi-1A-p2', '2026-11-25', 2, 'A1.01', { subjects: ['wi'] });
    writeDelta(db, { kind: 'delta', upsertLessons: [moved], removeLessonIds: [], cursor: null }, ctx('kiosk'));
    expect(db.prepare("SELECT day, start_ms FROM lessons WHERE id = 'wi-1A-p2'").all()).toEqual([{ day: '2026-11-25', start_ms: moved.start }]);
    expect(db.prepare("SELECT count(*) FROM lessons WHERE day = '2026-11-25'").pluck().get()).toBe(2);
    expect(db.prepare("SELECT lr.start_ms FROM lesson_rooms lr JOIN lessons l ON l.rowid = lr.lesson_rowid WHERE l.id = 'wi-1A-p2'").pluck().all()).toEqual([moved.start]);
  });
});

describe('retention', () => {
  it('at the school-year rollover the old year goes, and so do photos of pupils who left', () => {
    const db = openTestCache(tempDir());
    const july = sampleSnapshot({
      window: { from: '2026-07-06', to: '2026-07-10' },
      lessons: [lesson('last-week', '2026-07-08', 1, 'A1.01')],
    });
    writeSnapshot(db, july, ctx('staff'));
    db.prepare("INSERT INTO photos (pupil_number, mime, width, height, bytes) VALUES ('135791', 'image/jpeg', 1, 1, x'ffd8ff')").run();
    db.prepare("INSERT INTO photos (pupil_number, mime, width, height, bytes) VALUES ('246810', 'image/jpeg', 1, 1, x'ffd8ff')").run();

    // September: the new school year's snapshot; Daan (135791) has left.
    const september = sampleSnapshot({
      window: { from: '2026-08-31', to: '2026-09-04' },
      lessons: [lesson('first-week', '2026-09-01', 1, 'A1.01')],
      pupils: sampleSnapshot().pupils.filter((p) => p.number !== '135791'),
    });
    writeSnapshot(db, september, { ...ctx('staff'), pastDays: 28 });
    expect(db.prepare('SELECT id FROM lessons').pluck().all()).toEqual(['first-week']);
    expect(db.prepare('SELECT pupil_number FROM photos').pluck().all()).toEqual(['246810']);
  });

  it('a photo goes when the consent for it is withdrawn, and stays while it is given', () => {
    const db = openTestCache(tempDir());
    writeSnapshot(db, sampleSnapshot(), ctx('staff'));
    db.prepare("INSERT INTO photos (pupil_number, mime, width, height, bytes) VALUES ('246810', 'image/jpeg', 1, 1, x'ffd8ff')").run();

    writeSnapshot(db, sampleSnapshot(), ctx('staff'));
    expect(db.prepare('SELECT pupil_number FROM photos').pluck().all()).toEqual(['246810']);

    const withdrawn = sampleSnapshot().pupils.map((p) => ({ ...p, photoConsent: false }));
    writeSnapshot(db, sampleSnapshot({ pupils: withdrawn }), ctx('staff'));
    expect(db.prepare('SELECT count(*) FROM photos').pluck().get()).toBe(0);
  });
});
