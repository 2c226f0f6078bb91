import { describe, expect, it } from 'vitest';
import { Announcement, Group, Holiday, Lesson, Period, Pupil, Room, Subject, isChanged } from '@shared/domain';
import { displayName } from '@shared/domain/people';
import { weekdayOf } from '@shared/timetable/zonedTime';
import { generateDemoSchool, type DemoSchoolOptions } from './demoSchool';
import { countWhere, danglingCodes, doubleBookings } from './snapshotInvariants';

const zone = 'Europe/Amsterdam';
// Wednesday 14 October 2026, 12:00 in Amsterdam: two school weeks around the autumn holiday.
const now = Date.UTC(2026, 9, 14, 10);
const options = (o: Partial<DemoSchoolOptions> = {}): DemoSchoolOptions => ({ size: 'standard', now, zone, scope: 'staff', ...o });
const staff = generateDemoSchool(options());
const kiosk = generateDemoSchool(options({ scope: 'kiosk' }));

describe('the demo school (standard size)', () => {
  it('is the same every time for the same options', () => {
    expect(generateDemoSchool(options())).toEqual(staff);
    expect(generateDemoSchool(options({ size: 'small' }))).toEqual(generateDemoSchool(options({ size: 'small' })));
  });

  it('differs for another seed', () => {
    const other = generateDemoSchool(options({ seed: 7 }));
    expect(other.lessons.map((l) => l.teachers[0])).not.toEqual(staff.lessons.map((l) => l.teachers[0]));
  });

  it('has roughly the size asked for', () => {
    expect(staff.pupils).toHaveLength(900);
    expect(staff.teachers).toHaveLength(80);
    expect(staff.rooms).toHaveLength(60);
    expect(staff.school).toEqual({ name: 'Het Gangbord College', zone });
    expect(staff.cursor).toBeNull();
  });

  it('validates against the shared schemas', () => {
    for (const lesson of staff.lessons) Lesson.parse(lesson);
    for (const room of staff.rooms) Room.parse(room);
    for (const group of staff.groups) Group.parse(group);
    for (const subject of staff.subjects) Subject.parse(subject);
    for (const period of staff.periods) Period.parse(period);
    for (const holiday of staff.holidays) Holiday.parse(holiday);
    for (const announcement of staff.announcements) Announcement.parse(announcement);
    for (const pupil of staff.pupils) Pupil.parse(pupil);
  });

  it('refers only to rooms, groups, subjects and teachers it lists', () => {
    expect(danglingCodes(staff)).toEqual([]);
    expect(new Set(staff.rooms.map((r) => r.code)).size).toBe(staff.rooms.length);
    expect(new Set(staff.groups.map((g) => g.code)).size).toBe(staff.groups.length);
  });

  it('books no room and no teacher twice at the same time', () => {
    expect(doubleBookings(staff.lessons, (l) => l.rooms)).toEqual([]);
    expect(doubleBookings(staff.lessons, (l) => l.teachers)).toEqual([]);
    expect(doubleBookings(staff.lessons, (l) => l.groups)).toEqual([]);
  });

  it('gives each class a full week with a few free periods', () => {
    const firstWeek = staff.lessons.filter((l) => l.day <= '2026-10-16' && !l.change.added);
    for (const group of staff.groups.filter((g) => g.kind === 'class')) {
      // A class's pupils sit in its own lessons and in those of its clusters.
      const clusters = new Set([group.code, ...staff.pupils.filter((p) => p.groups[0] === group.code).flatMap((p) => p.groups)]);
      const periods = new Set(firstWeek.filter((l) => l.groups.some((g) => clusters.has(g))).flatMap((l) => {
        const span: string[] = [];
        for (let p = l.periodFrom ?? 0; p <= (l.periodTo ?? 0); p++) span.push(`${l.day} ${p}`);
        return span;
      }));
      expect(periods.size, group.code).toBeGreaterThanOrEqual(27);
      expect(periods.size, group.code).toBeLessThanOrEqual(34);
    }
  });

  it('puts lessons in rooms of the right kind', () => {
    const kindOf = new Map(staff.rooms.map((r) => [r.code, r.kind]));
    for (const l of staff.lessons) {
      const kind = kindOf.get(l.rooms[0] ?? '');
      if (l.subjects[0] === 'lo') expect(kind, l.id).toBe('gym');
      else if (l.kind === 'activity') expect(['aula', 'classroom']).toContain(kind);
      else expect(['classroom', 'lab', 'workshop']).toContain(kind);
    }
    const science = staff.lessons.filter((l) => ['na', 'sk', 'bi'].includes(l.subjects[0] ?? ''));
    expect(countWhere(science, (l) => kindOf.get(l.rooms[0] ?? '') === 'lab') / science.length).toBeGreaterThan(0.8);
  });

  it('uses cluster groups in the upper years', () => {
    const clusterCodes = new Set(staff.groups.filter((g) => g.kind === 'cluster').map((g) => g.code));
    expect([...clusterCodes]).toEqual(expect.arrayContaining(['4v.netl1', '5h.wisb2']));
    expect(countWhere(staff.lessons, (l) => clusterCodes.has(l.groups[0] ?? ''))).toBeGreaterThan(300);
    for (const code of clusterCodes) expect(code).toMatch(/^[4-6][mhv]\.[a-z]+\d+$/);
  });

  it('sprinkles changes at realistic rates', () => {
    const total = staff.lessons.length;
    const rate = (test: (l: Lesson) => boolean) => countWhere(staff.lessons, test) / total;
    expect(rate((l) => l.change.cancelled)).toBeGreaterThan(0.015);
    expect(rate((l) => l.change.cancelled)).toBeLessThan(0.05);
    expect(rate((l) => l.change.previousRooms.length > 0)).toBeGreaterThan(0.008);
    expect(rate((l) => l.change.previousRooms.length > 0)).toBeLessThan(0.035);
    expect(rate((l) => l.change.previousTeachers.length > 0)).toBeGreaterThan(0.015);
    expect(rate((l) => l.change.previousTeachers.length > 0)).toBeLessThan(0.05);
    expect(rate((l) => isChanged(l.change))).toBeLessThan(0.12);
    expect(countWhere(staff.lessons, (l) => l.change.added)).toBeGreaterThan(0);
    expect(countWhere(staff.lessons, (l) => l.kind === 'exam')).toBeGreaterThan(0);
  });

  it('describes changes in the upstream style', () => {
    const moved = staff.lessons.find((l) => l.change.previousRooms.length > 0);
    expect(moved?.change.description).toBe(`Het lokaal is gewijzigd (was ${moved?.change.previousRooms[0]}).`);
    expect(moved?.rooms[0]).not.toBe(moved?.change.previousRooms[0]);
    const substituted = staff.lessons.find((l) => l.change.previousTeachers.length > 0);
    expect(substituted?.change.description).toBe(`De docent is vervangen (was ${substituted?.change.previousTeachers[0]}).`);
    expect(staff.lessons.find((l) => l.change.cancelled)?.change.description).toMatch(/^Vervalt/);
  });

  it('has unique lesson ids in the demo:<date>:<group>:<period> form', () => {
    expect(new Set(staff.lessons.map((l) => l.id)).size).toBe(staff.lessons.length);
    for (const l of staff.lessons) expect(l.id).toBe(`demo:${l.day}:${l.groups[0]}:${l.periodFrom}`);
  });

  it('has Sanne van den Berg among its pupils, once', () => {
    const sannes = staff.pupils.filter((p) => displayName(p) === 'Sanne van den Berg');
    expect(sannes).toHaveLength(1);
    expect(sannes[0]?.groups.length).toBeGreaterThan(1);
    for (const size of ['small', 'large'] as const) {
      expect(generateDemoSchool(options({ size, scope: 'staff' })).pupils.some((p) => displayName(p) === 'Sanne van den Berg')).toBe(true);
    }
  });

  it('gives pupils unique six-digit numbers, Dutch names and mostly photo consent', () => {
    expect(new Set(staff.pupils.map((p) => p.number)).size).toBe(staff.pupils.length);
    for (const p of staff.pupils) expect(p.number).toMatch(/^\d{6}$/);
    const prefixed = staff.pupils.filter((p) => p.prefix !== null).length / staff.pupils.length;
    expect(prefixed).toBeGreaterThan(0.2);
    expect(prefixed).toBeLessThan(0.4);
    const consent = staff.pupils.filter((p) => p.photoConsent).length / staff.pupils.length;
    expect(consent).toBeGreaterThan(0.85);
    expect(consent).toBeLessThan(0.95);
    expect(staff.pupils.some((p) => /[^\u0000-\u007f]/.test(p.firstName + p.lastName))).toBe(true);
  });

  it('gives teachers unique three- or four-letter abbreviations', () => {
    expect(new Set(staff.teachers.map((t) => t.code)).size).toBe(staff.teachers.length);
    for (const t of staff.teachers) {
      expect(t.code).toMatch(/^[A-Z]{3,4}$/);
      expect(t.name).not.toBeNull();
    }
  });

  it('has a few impersonal announcements, one for the aula screens', () => {
    expect(staff.announcements.length).toBeGreaterThanOrEqual(3);
    expect(staff.announcements.length).toBeLessThanOrEqual(5);
    expect(staff.announcements.some((a) => a.audience.includes('aula'))).toBe(true);
    for (const a of staff.announcements) {
      expect(a.emergency).toBe(false);
      expect(a.end).toBeGreaterThan(a.start);
      expect(a.body.replace(/<\/?(p|strong|em|ul|li)>/g, '')).not.toMatch(/[<>]/);
    }
  });
});

describe('the demo school in kiosk scope', () => {
  it('holds no pupils and no teacher names', () => {
    expect(kiosk.pupils).toEqual([]);
    for (const t of kiosk.teachers) expect(t.name).toBeNull();
  });

  it('has the same timetable as staff scope', () => {
    expect(kiosk.lessons).toEqual(staff.lessons);
    expect(kiosk.teachers.map((t) => t.code)).toEqual(staff.teachers.map((t) => t.code));
  });

  it('mentions no pupil or teacher name anywhere', () => {
    const json = JSON.stringify(kiosk);
    const names = new Set<string>();
    for (const p of staff.pupils) names.add(p.firstName).add(p.lastName);
    for (const t of staff.teachers) if (t.name) names.add(t.name.lastName);
    const found = [...names].filter((name) => new RegExp(`(?<!\\p{L})${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'u').test(json));
    expect(found).toEqual([]);
  });
});

describe('the demo calendar', () => {
  it('puts lessons on school days inside the window only', () => {
    const holidays = staff.holidays;
    for (const l of staff.lessons) {
      expect(l.day >= staff.window.from && l.day <= staff.window.to).toBe(true);
      expect(weekdayOf(l.day)).toBeLessThanOrEqual(5);
      expect(holidays.some((h) => h.from <= l.day && l.day <= h.to), l.id).toBe(false);
    }
  });

  it('passes over the autumn holiday and counts two school weeks', () => {
    expect(staff.window).toEqual({ from: '2026-10-12', to: '2026-10-30' });
    expect(staff.holidays.find((h) => h.name === 'Herfstvakantie')).toEqual({ name: 'Herfstvakantie', from: '2026-10-17', to: '2026-10-25' });
    expect(new Set(staff.lessons.map((l) => l.day))).toEqual(new Set([
      '2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15', '2026-10-16',
      '2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30',
    ]));
  });

  it('starts the first period at 08:30 local on both sides of the October switch', () => {
    const first = (day: string) => staff.lessons.find((l) => l.day === day && l.periodFrom === 1);
    expect(new Date(first('2026-10-16')?.start ?? 0).toISOString()).toBe('2026-10-16T06:30:00.000Z');
    expect(new Date(first('2026-10-26')?.start ?? 0).toISOString()).toBe('2026-10-26T07:30:00.000Z');
  });

  it('is on winter time in the last week of October', () => {
    const late = generateDemoSchool(options({ size: 'small', now: Date.UTC(2026, 9, 28, 9) }));
    expect(late.window).toEqual({ from: '2026-10-26', to: '2026-11-06' });
    const first = late.lessons.find((l) => l.day === '2026-10-26' && l.periodFrom === 1);
    expect(new Date(first?.start ?? 0).toISOString()).toBe('2026-10-26T07:30:00.000Z');
  });

  it('starts from the next school week when the current week is a holiday', () => {
    const inHoliday = generateDemoSchool(options({ size: 'small', now: Date.UTC(2026, 9, 22, 9) }));
    expect(inHoliday.window).toEqual({ from: '2026-10-19', to: '2026-11-06' });
    expect(inHoliday.lessons[0]?.day).toBe('2026-10-26');
    expect(new Date(inHoliday.lessons[0]?.start ?? 0).toISOString()).toBe('2026-10-26T07:30:00.000Z');
  });

  it('follows the period grid in the zone through the March switch', () => {
    // Wednesday 24 March 2027; summer time starts Sunday 28 March. Good Friday and Easter Monday are off.
    const march = generateDemoSchool(options({ size: 'small', now: Date.UTC(2027, 2, 24, 11) }));
    const days = new Set(march.lessons.map((l) => l.day));
    expect(days.has('2027-03-26')).toBe(false);
    expect(days.has('2027-03-29')).toBe(false);
    const at = (day: string, period: number) => march.lessons.find((l) => l.day === day && l.periodFrom === period);
    expect(new Date(at('2027-03-25', 1)?.start ?? 0).toISOString()).toBe('2027-03-25T07:30:00.000Z');
    expect(new Date(at('2027-03-30', 1)?.start ?? 0).toISOString()).toBe('2027-03-30T06:30:00.000Z');
    const periods = new Map(march.periods.map((p) => [p.number, p]));
    for (const l of march.lessons) {
      const offset = l.day < '2027-03-28' ? 1 : 2;
      const hhmm = (t: number) => { const d = new Date(t + offset * 3_600_000); return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`; };
      expect(hhmm(l.start), l.id).toBe(periods.get(l.periodFrom ?? 0)?.start);
      expect(hhmm(l.end), l.id).toBe(periods.get(l.periodTo ?? 0)?.end);
    }
  });

  it('keeps a lesson, its id and its change the same in syncs on different days', () => {
    const nextWeek = generateDemoSchool(options({ now: Date.UTC(2026, 9, 27, 8) }));
    const overlap = (s: typeof staff) => s.lessons.filter((l) => l.day >= '2026-10-26' && l.day <= '2026-10-30');
    expect(overlap(nextWeek)).toEqual(overlap(staff));
    expect(overlap(staff).length).toBeGreaterThan(500);
  });
});
