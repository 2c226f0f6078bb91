import { describe, expect, it } from 'vitest';
import { instantAt } from '@shared/timetable/zonedTime';
import { encodeCursor, FULL_RESYNC_MS, parseCursor, planSync, weekFingerprint, type ZermeloCursor } from './cursor';
import { schoolWeeks } from '../common/schoolWeeks';

const ZONE = 'Europe/Amsterdam';
const now = instantAt('2026-11-24', '09:00', ZONE);
const weeks = schoolWeeks(now, ZONE, 2);
const cursor: ZermeloCursor = {
  v: 1, scope: 'kiosk', zone: ZONE, config: 'weeks=2;branch=', from: '2026-11-23', to: '2026-12-06', since: 1000, fullAt: now - 60_000,
  recent: [], weeks: {}, modifiedSince: true,
};
const plan = (c: ZermeloCursor | null, o: Partial<Parameters<typeof planSync>[1]> = {}) => planSync(c, { now, zone: ZONE, scope: 'kiosk', config: 'weeks=2;branch=', weeks, ...o }).mode;

describe('full or incremental', () => {
  it('increments only on the same weeks, settings and scope, within the full-sync interval', () => {
    expect(plan(cursor)).toBe('modifiedSince');
    expect(plan({ ...cursor, modifiedSince: false })).toBe('fingerprint');
    expect(plan({ ...cursor, since: null })).toBe('fingerprint');
    expect(plan(null)).toBe('full');
    expect(plan(cursor, { scope: 'staff' })).toBe('full');
    expect(plan(cursor, { config: 'weeks=3;branch=' })).toBe('full');
    expect(plan({ ...cursor, from: '2026-11-16' })).toBe('full');
    expect(plan({ ...cursor, fullAt: now - FULL_RESYNC_MS })).toBe('full');
    expect(plan({ ...cursor, fullAt: now + 60_000 })).toBe('full');
  });

  it('a cursor from another version or garbage means a full sync', () => {
    expect(parseCursor(encodeCursor(cursor))).toEqual(cursor);
    for (const text of [null, '', 'nope', '{"v":2}', '[]']) expect(parseCursor(text)).toBeNull();
  });

  it('weekends look ahead: on Saturday the coming week is the current one', () => {
    expect(schoolWeeks(instantAt('2026-11-28', '12:00', ZONE), ZONE, 1)[0]).toMatchObject({ monday: '2026-11-30', label: 'week 49' });
    expect(schoolWeeks(now, ZONE, 2).map((w) => w.label)).toEqual(['week 48', 'week 49']);
  });

  it('a week fingerprint changes with any version added, removed or modified', () => {
    const base = weekFingerprint([{ lastModified: 5 }, { lastModified: 9 }]);
    expect(weekFingerprint([{ lastModified: 5 }])).not.toBe(base);
    expect(weekFingerprint([{ lastModified: 5 }, { lastModified: 10 }])).not.toBe(base);
    expect(weekFingerprint([{ lastModified: 9 }, { lastModified: 5 }])).toBe(base);
  });
});
