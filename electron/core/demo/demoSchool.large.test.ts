import { describe, expect, it } from 'vitest';
import { Lesson } from '@shared/domain';
import { generateDemoSchool } from './demoSchool';
import { countWhere, danglingCodes, doubleBookings } from './snapshotInvariants';

describe('the large demo school (benchmarks)', () => {
  it('has 3,000 pupils, 250 staff, 150 rooms and 40 school weeks of valid lessons, made in well under a second', { timeout: 60_000 }, () => {
    const options = { size: 'large', now: Date.UTC(2026, 8, 16, 10), zone: 'Europe/Amsterdam', scope: 'staff' } as const;
    generateDemoSchool({ ...options, scope: 'kiosk' }); // warm up the JIT, as a benchmark would
    const started = performance.now();
    const school = generateDemoSchool(options);
    const ms = performance.now() - started;

    expect(school.pupils.length).toBeGreaterThanOrEqual(3000);
    expect(school.teachers.length).toBeGreaterThanOrEqual(250);
    expect(school.rooms.length).toBeGreaterThanOrEqual(150);
    const mondays = new Set(school.lessons.map((l) => {
      const d = new Date(`${l.day}T12:00:00Z`);
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
      return d.toISOString().slice(0, 10);
    }));
    expect(mondays.size).toBe(40);
    expect(school.lessons.length).toBeGreaterThan(100_000);
    expect(new Set(school.lessons.map((l) => l.id)).size).toBe(school.lessons.length);
    for (let i = 0; i < school.lessons.length; i += 101) Lesson.parse(school.lessons[i]);
    expect(danglingCodes(school)).toEqual([]);
    expect(doubleBookings(school.lessons, (l) => l.rooms)).toEqual([]);
    expect(doubleBookings(school.lessons, (l) => l.teachers)).toEqual([]);
    expect(countWhere(school.lessons, (l) => l.change.cancelled) / school.lessons.length).toBeCloseTo(0.03, 2);
    // The benchmark generates this inside every sync; a generous bound for a busy two-core CI machine.
    expect(ms).toBeLessThan(3000);
  });
});
